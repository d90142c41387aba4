import type { ListPage, ListRequest, SourceRecord } from '@ihub/plugin-kit';
import { assertDeleteShare } from '../delete-threshold.error';
import { and } from '../ldap-filter';
import { resultCode, type LdapConnection } from '../transport';
import type { Batch } from './directory-pass';
import { binaryAttributes, entryRecord, ENTITY_NAMES, readAttributes, tombstoneRecord, type EntryKind } from './entry-record';
import type { ListState } from './list-cursor';
import { listInPasses, newest, requestFilter, type LdapContext, type ReadPlan } from './list-passes';

/**
 * Lists users or groups. A complete pass reads every entry (the hub deletes what it no longer
 * has); in between, a pass reads the entries changed since the last mark, and on AD the
 * tombstones of entries deleted since.
 */
export function listEntries(kind: EntryKind) {
  return async (ctx: LdapContext, request: ListRequest): Promise<ListPage> => {
    const filter = requestFilter(request);
    const scope = ctx.config[kind];
    return listInPasses(ctx, request, {
      entity: ENTITY_NAMES[kind],
      scope: [kind, scope.baseDN, scope.filter, filter ?? null],
      batches: (connection, plan, previous) => entryBatches(ctx, connection, kind, plan, previous, filter),
    });
  };
}

async function* entryBatches(ctx: LdapContext, connection: LdapConnection, kind: EntryKind, plan: ReadPlan, previous: ListState | null, filter: string | undefined): AsyncGenerator<Batch> {
  const { config } = ctx;
  const { dialect } = ctx.client;
  const spec = {
    base: config[kind].baseDN,
    filter: and(config[kind].filter, filter, dialect.liveFilter, plan.kind === 'delta' ? plan.filter : null),
    attributes: readAttributes(kind, config, dialect),
    binary: binaryAttributes(config, dialect),
  };
  for await (const entries of connection.pages(spec, config.pageSize)) {
    yield { records: entries.map((e) => entryRecord(e, kind, config, dialect)), newestStamp: newest(entries.map((e) => dialect.stampOf(e))) };
  }
  if (plan.kind === 'delta' && previous) {
    const tombstones = await readTombstones(ctx, connection, kind, previous);
    if (tombstones.length > 0) yield { records: tombstones };
  }
}

/**
 * AD tombstones of `kind` made since the previous mark, as deleted records, all read before any
 * is handed out so that too many of them fail the run before the hub deletes a single record.
 * Reading Deleted Objects needs rights a bind DN may lack: then deletions wait for the next complete pass.
 */
async function readTombstones(ctx: LdapContext, connection: LdapConnection, kind: EntryKind, previous: ListState): Promise<SourceRecord[]> {
  const { config } = ctx;
  const { dialect } = ctx.client;
  const scope = config[kind];
  const spec = previous.mark && dialect.tombstoneSearch(config, scope.objectClasses[scope.objectClasses.length - 1], previous.mark);
  if (!spec) return [];
  const records: SourceRecord[] = [];
  try {
    for await (const entries of connection.pages(spec, config.pageSize)) {
      for (const entry of entries) {
        const record = dialect.wasIn(entry, scope) ? tombstoneRecord(entry, dialect) : null;
        if (record) records.push(record);
      }
      assertDeleteShare(ENTITY_NAMES[kind], previous.count, records.length, config.maxDeleteShare);
    }
  } catch (err) {
    const code = resultCode(err);
    if (code !== 32 && code !== 50) throw err;
    ctx.logger.warn(`ldap: cannot read tombstones under '${spec.base}' (${(err as Error).message}); ${ENTITY_NAMES[kind]} deletions show at the next complete pass`);
    return [];
  }
  return records;
}
