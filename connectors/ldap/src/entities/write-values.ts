import { RecordInvalidError } from '@ihub/plugin-kit';
import type { LdapConfig } from '../config';
import type { DirectoryDialect } from '../dialects';
import type { Values } from '../transport';

/**
 * Record fields a write never sends as attributes: `dn` (entries are named by the DN template;
 * renames are not supported), `objectClass` (from the config), `disabled` (an account flag each
 * dialect writes its own way) and what the directory maintains (ids, change stamps).
 */
export function writableFields(data: Record<string, unknown>, dialect: DirectoryDialect): string[] {
  const readOnly = new Set(['dn', 'objectclass', 'disabled', ...dialect.trackingAttributes.map((a) => a.toLowerCase())]);
  return Object.keys(data).filter((name) => !readOnly.has(name.toLowerCase()));
}

/**
 * The attribute values of a record field: arrays are several values, null/''/[] none; booleans
 * are LDAP's TRUE/FALSE; binary attributes are given in base64, as reads return them.
 */
export function fieldValues(name: string, value: unknown, config: LdapConfig): Values {
  const binary = config.binaryAttributes.some((b) => b.toLowerCase() === name.toLowerCase());
  const list = Array.isArray(value) ? value : [value];
  return list
    .filter((v) => v !== null && v !== undefined && v !== '')
    .map((v) => {
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      if (typeof v !== 'string') throw new RecordInvalidError(`field '${name}' must be a string, number, boolean or an array of them`, { field: name });
      return binary ? Buffer.from(v, 'base64') : v;
    });
}

/** The record's `disabled` flag: true, false, or undefined when it does not say. */
export function disabledFlag(data: Record<string, unknown>): boolean | undefined {
  const value = data.disabled;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new RecordInvalidError(`field 'disabled' must be true or false, not ${JSON.stringify(value)}`, { field: 'disabled' });
  return value;
}

/** True when two value lists hold the same values in any order. */
export function sameValues(a: Values, b: Values): boolean {
  const key = (v: string | Buffer): string => (Buffer.isBuffer(v) ? `b:${v.toString('base64')}` : `s:${v}`);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}
