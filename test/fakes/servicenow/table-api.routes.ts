import { matchesQuery, parseEncodedQuery, sortRecords } from './encoded-query';
import type { BrokenPage } from './fake-faults';
import type { FakeTables } from './fake-tables.store';
import { renderRecord, viewOf } from './record-view';
import { invalidTable, noRecord, vendorError, type WireResponse } from './wire';

/** What a Table API call needs besides its own request. */
export interface TableApiContext {
  tables: FakeTables;
  /** The instance URL, for links. */
  baseUrl: string;
  /** Most records one page may hold; larger `sysparm_limit` values are cut to it. */
  maxPageSize: number;
  /** The authenticated user, stamped on the records it writes. */
  userName: string;
  /** The break due for the next page listed, if any (taken only by list calls). */
  takeBrokenPage(): BrokenPage | undefined;
}

export interface TableApiCall {
  method: string;
  /** `/api/now/table/...` or `/api/now/v2/table/...` */
  path: string;
  query: URLSearchParams;
  /** The parsed JSON body; undefined when there is none or it is not JSON. */
  body: unknown;
}

const TABLE_PATH = /^\/api\/now\/(?:v\d+\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/;

export function isTableApiPath(path: string): boolean {
  return TABLE_PATH.test(path);
}

/** The Table API: list, read, create, update (PATCH and PUT alike) and delete records. */
export function handleTableApi(ctx: TableApiContext, call: TableApiCall): WireResponse {
  const [, table, sysId] = TABLE_PATH.exec(call.path)!;
  if (!ctx.tables.has(table)) return invalidTable(table);
  if (sysId === undefined) {
    if (call.method === 'GET') return listRecords(ctx, table, call.query);
    if (call.method === 'POST') return createRecord(ctx, table, call);
  } else {
    if (call.method === 'GET') return readRecord(ctx, table, sysId, call.query);
    if (call.method === 'PATCH' || call.method === 'PUT') return updateRecord(ctx, table, sysId, call);
    if (call.method === 'DELETE') return ctx.tables.remove(table, sysId) ? { status: 204 } : noRecord();
  }
  return vendorError(405, 'Method not Supported', `${call.method} is not supported for this resource`);
}

function listRecords(ctx: TableApiContext, table: string, query: URLSearchParams): WireResponse {
  const encoded = parseEncodedQuery(query.get('sysparm_query') ?? '');
  const limit = Math.max(1, Math.min(positiveInt(query.get('sysparm_limit')) ?? ctx.maxPageSize, ctx.maxPageSize));
  const offset = positiveInt(query.get('sysparm_offset')) ?? 0;
  const matching = sortRecords(
    ctx.tables.all(table).filter((r) => matchesQuery(r, encoded, (f) => ctx.tables.isColumn(table, f))),
    encoded.orderBy,
  );
  const view = viewOf(query, ctx.baseUrl);
  const rows = matching.slice(offset, offset + limit).map((r) => renderRecord(ctx.tables, table, r, view));
  const headers: Record<string, string> = {};
  if (query.get('sysparm_no_count') !== 'true') headers['X-Total-Count'] = String(matching.length);
  const link = query.get('sysparm_suppress_pagination_header') === 'true' ? undefined : linkHeader(ctx.baseUrl, table, query, offset, limit, matching.length);
  if (link) headers.Link = link;
  return breakPage({ status: 200, headers, json: { result: rows } }, rows, ctx.takeBrokenPage());
}

/**
 * The instance's pagination header: `first`, `prev` (not on the first page), `next` (not on the
 * last) and `last` links, each the request's own URL with another `sysparm_offset`. There is no
 * header when everything fits in one page.
 */
function linkHeader(baseUrl: string, table: string, query: URLSearchParams, offset: number, limit: number, total: number): string | undefined {
  if (total <= limit && offset === 0) return undefined;
  const at = (o: number): string => {
    const q = new URLSearchParams(query);
    q.set('sysparm_offset', String(o));
    q.set('sysparm_limit', String(limit));
    return `<${baseUrl}/api/now/table/${table}?${q.toString()}>`;
  };
  const last = Math.max(0, Math.floor((total - 1) / limit) * limit);
  const links = [`${at(0)};rel="first"`];
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))};rel="prev"`);
  if (offset + limit < total) links.push(`${at(offset + limit)};rel="next"`);
  links.push(`${at(last)};rel="last"`);
  return links.join(',');
}

function breakPage(response: WireResponse, rows: Array<Record<string, unknown>>, broken: BrokenPage | undefined): WireResponse {
  if (!broken) return response;
  if (broken.kind === 'truncated-json') {
    const text = JSON.stringify(response.json);
    return { ...response, json: undefined, raw: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
  }
  const row = rows[Math.min(broken.index ?? 0, rows.length - 1)];
  if (row) delete row.sys_id;
  return response;
}

function readRecord(ctx: TableApiContext, table: string, sysId: string, query: URLSearchParams): WireResponse {
  const record = ctx.tables.get(table, sysId);
  if (!record) return noRecord();
  return { status: 200, json: { result: renderRecord(ctx.tables, table, record, viewOf(query, ctx.baseUrl)) } };
}

function createRecord(ctx: TableApiContext, table: string, call: TableApiCall): WireResponse {
  if (!isPlainObject(call.body)) return vendorError(400, 'Exception while reading request', 'The payload is not valid JSON.');
  const record = ctx.tables.insert(table, call.body, { by: ctx.userName });
  return {
    status: 201,
    headers: { Location: `${ctx.baseUrl}/api/now/table/${table}/${record.sys_id}` },
    json: { result: renderRecord(ctx.tables, table, record, viewOf(call.query, ctx.baseUrl)) },
  };
}

function updateRecord(ctx: TableApiContext, table: string, sysId: string, call: TableApiCall): WireResponse {
  if (!isPlainObject(call.body)) return vendorError(400, 'Exception while reading request', 'The payload is not valid JSON.');
  // sys_id names the record in the path; the instance ignores one in the body.
  const values = { ...call.body };
  delete values.sys_id;
  const record = ctx.tables.update(table, sysId, values, { by: ctx.userName });
  if (!record) return noRecord();
  return { status: 200, json: { result: renderRecord(ctx.tables, table, record, viewOf(call.query, ctx.baseUrl)) } };
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
