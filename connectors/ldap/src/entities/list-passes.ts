import { createHash } from 'node:crypto';
import { ConfigInvalidError, type ConnectorContext, type ListPage, type ListRequest } from '@ihub/plugin-kit';
import type { LdapConfig } from '../config';
import type { LdapSession } from '../ldap-session';
import { filterProblem } from '../ldap-filter';
import type { LdapConnection } from '../transport';
import { DirectoryPass, type Batch } from './directory-pass';
import { decodeCursor, encodeCursor, type ListState } from './list-cursor';
import { planPass, type PassPlan } from './pass-plan';

export type LdapContext = ConnectorContext<LdapConfig, LdapSession>;

/** A pass that reads something: every record, or what changed. */
export type ReadPlan = Exclude<PassPlan, { kind: 'unchanged' }>;

export interface PassSource {
  /** Entity name, for messages. */
  entity: string;
  /** What the records depend on besides the directory (base DN, filters…): a cursor taken under another scope does not apply. */
  scope: unknown[];
  /** The records of a pass, batch by batch, read over `connection`. */
  batches(connection: LdapConnection, plan: ReadPlan, previous: ListState | null): AsyncGenerator<Batch>;
  /** Turns a plan into what this entity really needs (memberships turn "changes" into "complete pass" or "nothing"). */
  refine?(plan: PassPlan, previous: ListState | null): Promise<PassPlan>;
}

/**
 * `list` for every entity: continues the pass a cursor points into when this process still holds
 * it, else reads the directory's change mark, plans the next pass and starts it.
 */
export async function listInPasses(ctx: LdapContext, request: ListRequest, source: PassSource): Promise<ListPage> {
  const session = ctx.client;
  const state = decodeCursor(request.cursor, ctx.logger);
  if (state?.pass) {
    const pass = await session.passes.take(state.pass);
    if (pass) return session.passes.serve(pass, request.pageSize);
    ctx.logger.info(`ldap: the ${source.entity} pass of this cursor is gone (restart or another node); starting again`);
  }
  const previous = state ? withoutPass(state) : null;
  const scope = fingerprint([ctx.config.dialect, ...source.scope]);
  const start = await session.dialect.readMark(await session.connection(), ctx.config);
  let plan = planPass(previous, scope, start, session.dialect, ctx.config, new Date());
  if (source.refine) plan = await source.refine(plan, previous);
  if (plan.kind === 'unchanged') {
    // planPass only answers "unchanged" after an earlier pass, so `previous` is there.
    return { records: [], hasMore: false, cursor: encodeCursor({ ...previous!, mark: session.dialect.settleMark(start, previous!.mark, undefined) }) };
  }
  if (plan.kind === 'full') ctx.logger.info(`ldap: complete pass over ${source.entity}: ${plan.reason}`);
  const connection = await session.dedicated();
  const pass = new DirectoryPass({
    entity: source.entity,
    kind: plan.kind,
    scope,
    previous,
    start,
    batches: source.batches(connection, plan, previous),
    connection,
    dialect: session.dialect,
    maxDeleteShare: ctx.config.maxDeleteShare,
  });
  return session.passes.start(pass, request.pageSize);
}

/** The flow's source filter, checked: a bad one is the flow's mistake, not the directory's. */
export function requestFilter(request: ListRequest): string | undefined {
  if (request.filter === undefined || request.filter.trim() === '') return undefined;
  const problem = filterProblem(request.filter);
  if (problem) throw new ConfigInvalidError([{ path: 'filter', message: `not an LDAP filter: ${problem}` }], 'source filter of the flow');
  return request.filter;
}

/** The newest of some change stamps (CSNs sort by time as strings). */
export function newest(stamps: Array<string | undefined>): string | undefined {
  return stamps.reduce<string | undefined>((a, b) => (b !== undefined && (a === undefined || b > a) ? b : a), undefined);
}

function withoutPass(state: ListState): ListState {
  return { v: state.v, scope: state.scope, mark: state.mark, fullAt: state.fullAt, count: state.count };
}

function fingerprint(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
