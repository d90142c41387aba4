import type { SourceRecord } from '@ihub/plugin-kit';
import { findById } from './entry-lookup';
import { entryRecord, readAttributes, type EntryKind } from './entry-record';
import type { LdapContext } from './list-passes';

/** The record of the live entry with external id `id`, or null. */
export function getEntry(kind: EntryKind) {
  return async (ctx: LdapContext, id: string): Promise<SourceRecord | null> => {
    const { dialect } = ctx.client;
    const entry = await findById(await ctx.client.connection(), ctx.config, dialect, id, kind, readAttributes(kind, ctx.config, dialect));
    return entry ? entryRecord(entry, kind, ctx.config, dialect) : null;
  };
}
