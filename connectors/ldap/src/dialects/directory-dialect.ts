import type { EntityScope, LdapConfig } from '../config';
import type { AttributeChange, DirectoryEntry, LdapConnection, SearchSpec } from '../transport';

/**
 * Where a directory's change history stood: OpenLDAP's context CSNs (one per replica that wrote
 * to the database), or Active Directory's highest committed USN on the DC that answered, with
 * that DC's database identity.
 */
export type ChangeMark = { csn: string[] } | { usn: string; invocationId: string };

/** What changed since a previous mark: nothing, the entries a filter selects, or unknown (a complete pass is needed). */
export type MarkComparison = { kind: 'unchanged' } | { kind: 'changed'; filter: string } | { kind: 'full'; reason: string };

/**
 * What differs between directory products: ids, change tracking, tombstones and account
 * flags. Everything else (paging, writes, passes) is shared. One implementation per dialect.
 */
export interface DirectoryDialect {
  readonly name: LdapConfig['dialect'];
  /** Attribute holding each entry's stable external id. */
  readonly idAttribute: string;
  /** Attributes every read asks for besides the configured ones: the id and change stamps. */
  readonly trackingAttributes: string[];
  /** Attributes to read as bytes. */
  readonly binaryAttributes: string[];
  /** Part of every filter for live entries (AD: not tombstones); null when the dialect needs none. */
  readonly liveFilter: string | null;
  /** The external id of an entry; null when it has none or it is malformed. */
  idOf(entry: DirectoryEntry): string | null;
  /** A filter selecting the entry with external id `id`; null when `id` cannot be an id of this dialect. */
  idFilter(id: string): string | null;
  /** ISO time of the entry's last change, when it has one. */
  updatedAt(entry: DirectoryEntry): string | undefined;
  /** The entry's change stamp, for a mark learned from the entries read (see settleMark). */
  stampOf(entry: DirectoryEntry): string | undefined;
  /** The directory's mark now; null when the directory publishes none. */
  readMark(connection: LdapConnection, config: LdapConfig): Promise<ChangeMark | null>;
  /** The mark a finished pass leaves: the one read at its start, else one learned from `newestStamp`, else `previous`. */
  settleMark(start: ChangeMark | null, previous: ChangeMark | null, newestStamp: string | undefined): ChangeMark | null;
  compare(previous: ChangeMark, current: ChangeMark | null): MarkComparison;
  /** The search for tombstones of `objectClass` made after `previous`; null when the directory keeps none. */
  tombstoneSearch(config: LdapConfig, objectClass: string, previous: ChangeMark): SearchSpec | null;
  /** True when a tombstone found by tombstoneSearch was an entry of `scope` (its class, under its base DN). */
  wasIn(tombstone: DirectoryEntry, scope: EntityScope): boolean;
  /** Attributes a user's `disabled` state is read from. */
  accountAttributes(config: LdapConfig): string[];
  isDisabled(entry: DirectoryEntry, config: LdapConfig): boolean;
  /** The modification that disables (or enables) the user `entry`; empty when it is in that state already. */
  disableChanges(entry: DirectoryEntry, disabled: boolean, config: LdapConfig): AttributeChange[];
  /** Attributes a new user gets for its `disabled` state (undefined: the record does not say). */
  newUserAttributes(disabled: boolean | undefined, config: LdapConfig): Record<string, string[]>;
}

/** The first value of an attribute as text. */
export function text(entry: DirectoryEntry, attribute: string): string | undefined {
  const value = entry.attributes.get(attribute.toLowerCase())?.[0];
  return value === undefined ? undefined : Buffer.isBuffer(value) ? value.toString('utf8') : value;
}
