import { RecordInvalidError, type SourceRecord } from '@ihub/plugin-kit';
import type { LdapConfig } from '../config';
import type { DirectoryDialect } from '../dialects';
import type { DirectoryEntry } from '../transport';

/** The directory entities that are entries: users and groups. */
export type EntryKind = 'users' | 'groups';

export const ENTITY_NAMES: Record<EntryKind, string> = { users: 'user', groups: 'group' };

/** Attributes to read for records of `kind`: the configured ones, the dialect's ids and stamps, and (users) the account flags. */
export function readAttributes(kind: EntryKind, config: LdapConfig, dialect: DirectoryDialect): string[] {
  const account = kind === 'users' ? dialect.accountAttributes(config) : [];
  return unique([...config[kind].attributes, ...dialect.trackingAttributes, ...account]);
}

/** Attributes to read as bytes. */
export function binaryAttributes(config: LdapConfig, dialect: DirectoryDialect): string[] {
  return unique([...dialect.binaryAttributes, ...config.binaryAttributes]);
}

/**
 * A live entry as a record: `dn`, each configured attribute (null when the entry has none), and
 * for users `disabled`. An entry without a usable id is a record that failed to read, under a
 * `dn:` id, so the hub reports it and the rest of the page goes on.
 */
export function entryRecord(entry: DirectoryEntry, kind: EntryKind, config: LdapConfig, dialect: DirectoryDialect): SourceRecord {
  const data: Record<string, unknown> = { dn: entry.dn };
  for (const name of config[kind].attributes) data[name] = attributeValue(entry, name, config);
  if (kind === 'users') data.disabled = dialect.isDisabled(entry, config);
  const id = dialect.idOf(entry);
  if (id === null) {
    const invalid = new RecordInvalidError(`${ENTITY_NAMES[kind]} entry '${entry.dn}' has no valid ${dialect.idAttribute}, so it cannot be told apart from other entries`, {
      dn: entry.dn,
      attribute: dialect.idAttribute,
    });
    return { id: `dn:${entry.dn}`, data, invalid };
  }
  return { id, data, updatedAt: dialect.updatedAt(entry) };
}

/** A tombstone as a deleted record; null when even its id is unreadable (the hub could not match it anyway). */
export function tombstoneRecord(entry: DirectoryEntry, dialect: DirectoryDialect): SourceRecord | null {
  const id = dialect.idOf(entry);
  return id === null ? null : { id, data: { dn: entry.dn }, updatedAt: dialect.updatedAt(entry), deleted: true };
}

function attributeValue(entry: DirectoryEntry, name: string, config: LdapConfig): unknown {
  const values = entry.attributes.get(name.toLowerCase());
  if (!values || values.length === 0) return null;
  // Bytes are binary attributes, or values that are not UTF-8 text: base64 keeps them intact.
  const strings = values.map((v) => (Buffer.isBuffer(v) ? v.toString('base64') : v));
  const multi = config.multiValued.some((m) => m.toLowerCase() === name.toLowerCase());
  return multi || strings.length > 1 ? strings : strings[0];
}

function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}
