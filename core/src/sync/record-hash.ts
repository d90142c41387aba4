import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal data always serialises the same way. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** Hash of a record's content: equal hashes mean nothing to write. */
export function recordHash(data: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(data)).digest('hex');
}
