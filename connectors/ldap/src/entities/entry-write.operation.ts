import { NotFoundError, UpstreamError, type CreateOptions, type WriteResult } from '@ihub/plugin-kit';
import type { DirectoryDialect } from '../dialects';
import { renderDn } from '../dn-template';
import type { AttributeChange, DirectoryEntry, Values } from '../transport';
import { findById } from './entry-lookup';
import { binaryAttributes, ENTITY_NAMES, type EntryKind } from './entry-record';
import type { LdapContext } from './list-passes';
import { disabledFlag, fieldValues, sameValues, writableFields } from './write-values';

/**
 * Creates the entry the DN template names. A create that may have happened already (the hub
 * retrying after a crash) first reads that DN and returns the entry found there.
 */
export function createEntry(kind: EntryKind) {
  return async (ctx: LdapContext, data: Record<string, unknown>, options: CreateOptions): Promise<WriteResult> => {
    const { config } = ctx;
    const { dialect } = ctx.client;
    const scope = config[kind];
    const dn = renderDn(scope.dnTemplate, scope.baseDN, data);
    const connection = await ctx.client.connection();
    const binary = binaryAttributes(config, dialect);
    if (options.mayExist) {
      const existing = await connection.read(dn, [dialect.idAttribute], binary);
      if (existing) return { id: idOf(existing, dialect) };
    }
    const attributes = new Map<string, [string, Values]>();
    const set = (name: string, values: Values): void => {
      if (values.length > 0) attributes.set(name.toLowerCase(), [name, values]);
    };
    set('objectClass', scope.objectClasses);
    if (kind === 'users') for (const [name, values] of Object.entries(dialect.newUserAttributes(disabledFlag(data), config))) set(name, values);
    // The record's own fields come last, so an explicit userAccountControl (say) wins over the dialect's default.
    for (const name of writableFields(data, dialect)) set(name, fieldValues(name, data[name], config));
    await connection.add(dn, Object.fromEntries(attributes.values()));
    const created = await connection.read(dn, [dialect.idAttribute], binary);
    if (!created) throw new UpstreamError(`added '${dn}' but cannot read it back`, { request: `read ${dn}` });
    return { id: idOf(created, dialect) };
  };
}

/** Replaces the attributes the record gives that differ from the entry's, and sets `disabled` for users. */
export function updateEntry(kind: EntryKind) {
  return async (ctx: LdapContext, id: string, data: Record<string, unknown>): Promise<WriteResult> => {
    const { config } = ctx;
    const { dialect } = ctx.client;
    const fields = writableFields(data, dialect);
    const account = kind === 'users' ? dialect.accountAttributes(config) : [];
    const connection = await ctx.client.connection();
    const entry = await findById(connection, config, dialect, id, kind, [...fields, ...dialect.trackingAttributes, ...account]);
    if (!entry) throw new NotFoundError(`LDAP ${ENTITY_NAMES[kind]}`, id);
    // Unchanged attributes are left out: AD refuses any modification of the naming attribute, even to its own value.
    const changes: AttributeChange[] = fields
      .map((name) => ({ operation: 'replace' as const, attribute: name, values: fieldValues(name, data[name], config) }))
      .filter((change) => !sameValues(entry.attributes.get(change.attribute.toLowerCase()) ?? [], change.values));
    const disabled = kind === 'users' ? disabledFlag(data) : undefined;
    if (disabled !== undefined) changes.push(...dialect.disableChanges(entry, disabled, config));
    if (changes.length > 0) await connection.modify(entry.dn, changes);
    return { id };
  };
}

/** Deletes the entry; one that is gone already counts as deleted, so a retried delete succeeds. */
export function deleteEntry(kind: EntryKind) {
  return async (ctx: LdapContext, id: string): Promise<void> => {
    const connection = await ctx.client.connection();
    const entry = await findById(connection, ctx.config, ctx.client.dialect, id, kind, ['1.1']);
    if (entry) await connection.delete(entry.dn);
  };
}

function idOf(entry: DirectoryEntry, dialect: DirectoryDialect): string {
  const id = dialect.idOf(entry);
  if (id === null) throw new UpstreamError(`entry '${entry.dn}' has no ${dialect.idAttribute}`, { request: `read ${entry.dn}` });
  return id;
}
