import { ConfigInvalidError, UpstreamError, type ListPage, type ListRequest } from '@ihub/plugin-kit';
import { andQuery, encodedQueryProblem } from '../encoded-query';
import type { ServiceNowContext } from '../servicenow.transport';
import type { EntityName } from './entity-catalog';
import { entitySettings } from './entity-settings';
import { cursorScope, readCursor, writeCursor } from './list-cursor';
import { positionCondition, READ_ORDER, type Position } from './list-position';
import { readPage } from './page-reader';
import { wireView } from './record-row';

/**
 * Lists what changed since the cursor, oldest change first: one Table API call per page, asking
 * for the records from the cursor's position on (see `Position`), AND-ed with the entity's query
 * and the flow's filter. Deleted records do not show: the Table API has no tombstones.
 */
export async function listRecords(ctx: ServiceNowContext, entity: EntityName, request: ListRequest): Promise<ListPage> {
  const settings = entitySettings(ctx.config, entity);
  const filterProblem = request.filter === undefined ? undefined : encodedQueryProblem(request.filter);
  if (filterProblem) throw new ConfigInvalidError([{ path: 'source.filter', message: filterProblem }], `filter of a flow reading servicenow ${entity}`);
  const base = andQuery(settings.query, request.filter);
  const scope = cursorScope(settings, base);
  const start = readCursor(request.cursor, scope, ctx.logger, entity);
  const pageSize = Math.max(1, request.pageSize);

  // The records of the boundary second delivered before come back first; asking for that many
  // more keeps a page of new records in reach.
  const query = andQuery(base, positionCondition(start), READ_ORDER);
  const answer = await ctx.client.list(settings.table, { ...wireView(settings), query, limit: pageSize + start.seen.length }, ctx.signal);
  const page = readPage(answer.rows, start, pageSize, settings, answer.hasMore);
  if (page.hasMore && samePosition(page.position, start)) {
    // Only an answer of nothing but unreadable records, or of none with a next link, gets here; reading on would loop.
    throw new UpstreamError(`servicenow: ${settings.table} answered a page of ${answer.rows.length} records none of which could be read; stopping instead of reading it again`, {
      request: `GET /api/now/table/${settings.table}`,
      since: start.since,
    });
  }
  return { records: page.records, cursor: writeCursor(scope, page.position), hasMore: page.hasMore };
}

function samePosition(a: Position, b: Position): boolean {
  return a.since === b.since && a.after === b.after && a.seen.length === b.seen.length && a.seen.every((s, i) => s === b.seen[i]);
}
