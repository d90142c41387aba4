import {
  createHttpTransport,
  NotFoundError,
  parseLinkHeader,
  UpstreamError,
  type ConnectorContext,
  type HttpResponse,
  type HttpTransportOptions,
  type QueryParams,
} from '@ihub/plugin-kit';
import type { ServiceNowConfig } from './config';
import { authHook } from './servicenow.auth';
import { translateServiceNowError } from './translate-error';

/**
 * The only code of this connector that talks to the instance: the Table API's calls, their
 * `{ "result": … }` envelopes and pagination headers. The kit's transport does authentication,
 * retries with backoff, Retry-After and timeouts; `translateServiceNowError` names the failures.
 */

/** A record as the Table API sent it; its shape depends on the view it was asked with. */
export type Row = Record<string, unknown>;

/** How records are rendered: `sysparm_fields`, `sysparm_display_value`, `sysparm_exclude_reference_link`. */
export interface RecordView {
  fields?: string[];
  displayValue: 'false' | 'true' | 'all';
  excludeReferenceLink: boolean;
}

export interface ListQuery extends RecordView {
  /** Encoded query (`sysparm_query`). */
  query?: string;
  limit: number;
  offset?: number;
}

export interface RecordPage {
  /** The page's records, unchecked: a malformed one is for the caller to report, not to fail the page. */
  rows: unknown[];
  /** True when the instance has more records for the query after this page. */
  hasMore: boolean;
}

export interface ServiceNowClient {
  list(table: string, query: ListQuery, signal?: AbortSignal): Promise<RecordPage>;
  /** The record, or null when the instance has none with that sys_id (or an ACL hides it). */
  get(table: string, sysId: string, view: RecordView, signal?: AbortSignal): Promise<Row | null>;
  create(table: string, values: Record<string, unknown>, view: RecordView, signal?: AbortSignal): Promise<Row>;
  update(table: string, sysId: string, values: Record<string, unknown>, view: RecordView, signal?: AbortSignal): Promise<Row>;
  /** False when there was no such record to delete. */
  delete(table: string, sysId: string, signal?: AbortSignal): Promise<boolean>;
}

export type ServiceNowContext = ConnectorContext<ServiceNowConfig, ServiceNowClient>;

/** Transport settings the config does not give: the hub's logger; tests pass a `sleep` that records waits and a `now` they move. */
export type ClientOptions = Pick<HttpTransportOptions, 'logger' | 'sleep' | 'now' | 'random'>;

export function createServiceNowClient(config: ServiceNowConfig, options: ClientOptions = {}): ServiceNowClient {
  const http = createHttpTransport({
    ...options,
    name: 'servicenow',
    baseURL: config.endpoint.replace(/\/+$/, ''),
    timeoutMs: config.timeoutMs,
    retry: config.retry,
    headers: { Accept: 'application/json' },
    auth: authHook(config, options),
    translateError: (response) => translateServiceNowError(response, options.now),
  });
  const tablePath = (table: string, sysId?: string): string => `/api/now/table/${encodeURIComponent(table)}${sysId === undefined ? '' : `/${encodeURIComponent(sysId)}`}`;

  return {
    list: async (table, query, signal) => {
      const params = { ...viewParams(query), sysparm_query: query.query || undefined, sysparm_limit: query.limit, sysparm_offset: query.offset || undefined };
      const response = await http.get(tablePath(table), { params, signal });
      const rows = result(response, 'GET');
      if (!Array.isArray(rows)) throw unexpected(response, 'GET', 'a result that is not an array');
      return { rows, hasMore: hasMore(response, query, rows.length) };
    },
    get: async (table, sysId, view, signal) => {
      try {
        return record(await http.get(tablePath(table, sysId), { params: viewParams(view), signal }), 'GET');
      } catch (err) {
        // For a read, "no such record" is an answer, not a failure.
        if (err instanceof NotFoundError) return null;
        throw err;
      }
    },
    create: async (table, values, view, signal) => record(await http.post(tablePath(table), values, { params: viewParams(view), signal }), 'POST'),
    update: async (table, sysId, values, view, signal) => record(await http.patch(tablePath(table, sysId), values, { params: viewParams(view), signal }), 'PATCH'),
    delete: async (table, sysId, signal) => {
      try {
        await http.delete(tablePath(table, sysId), { signal });
        return true;
      } catch (err) {
        if (err instanceof NotFoundError) return false;
        throw err;
      }
    },
  };
}

function viewParams(view: RecordView): QueryParams {
  return {
    sysparm_fields: view.fields?.join(','),
    sysparm_display_value: view.displayValue,
    sysparm_exclude_reference_link: view.excludeReferenceLink,
  };
}

/**
 * Whether the instance has more after this page: its `Link` header names a `next` page; without
 * one (a single page has none), `X-Total-Count` against the records read so far; else a full page.
 */
function hasMore(response: HttpResponse, query: ListQuery, count: number): boolean {
  const link = response.headers.link;
  if (link !== undefined) return parseLinkHeader(link, response.url).some((l) => l.rel.includes('next'));
  const total = response.headers['x-total-count'];
  if (total !== undefined && /^\d+$/.test(total)) return (query.offset ?? 0) + count < Number(total);
  return count >= query.limit;
}

/** The `result` of the envelope. A body that is not JSON is a page cut off on the way (retryable, as a read again will do). */
function result(response: HttpResponse, method: string): unknown {
  const body = response.data;
  if (typeof body !== 'object' || body === null || !('result' in body)) {
    throw unexpected(response, method, typeof body === 'string' ? 'a body that is not JSON (cut off?)' : 'no {"result": …} envelope', typeof body === 'string');
  }
  return (body as { result: unknown }).result;
}

function record(response: HttpResponse, method: string): Row {
  const row = result(response, method);
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw unexpected(response, method, 'a result that is not a record');
  return row as Row;
}

function unexpected(response: HttpResponse, method: string, what: string, retryable = false): UpstreamError {
  const { origin, pathname } = new URL(response.url);
  const request = `${method} ${origin}${pathname}`;
  const body = typeof response.data === 'string' ? response.data.slice(0, 200) : undefined;
  return new UpstreamError(`servicenow: ${request} answered ${response.status} with ${what}`, { request, status: response.status, body }, { retryable });
}
