import { FilterParser } from 'ldapts';

/** RFC 4515 escaping of an assertion value; a Buffer (a binary GUID) is escaped byte by byte. */
export function escapeFilterValue(value: string | Buffer): string {
  if (Buffer.isBuffer(value)) return [...value].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A filter in parentheses, as `(&…)` needs its parts; a bare `uid=x` becomes `(uid=x)`. */
export function parenthesized(filter: string): string {
  const trimmed = filter.trim();
  return trimmed.startsWith('(') ? trimmed : `(${trimmed})`;
}

/** The conjunction of the non-empty filters. */
export function and(...filters: Array<string | null | undefined>): string {
  const parts = filters.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map(parenthesized);
  return parts.length === 1 ? parts[0] : `(&${parts.join('')})`;
}

/** Why `filter` is not a valid RFC 4515 filter, or null when it is. */
export function filterProblem(filter: string): string | null {
  // RFC 4515 values escape parentheses (\28, \29), so every bare one is structure and must balance;
  // ldapts' parser forgives a missing closing one, which a server would not.
  let depth = 0;
  for (const c of parenthesized(filter)) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0) return `unbalanced parentheses in ${filter}`;
  try {
    FilterParser.parseString(parenthesized(filter));
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
