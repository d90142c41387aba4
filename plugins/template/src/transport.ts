import { UpstreamAuthError, UpstreamError, UpstreamThrottledError, UpstreamTimeoutError, z } from '@ihub/plugin-kit';
import type { TemplateConfig } from './config';

/**
 * The only code of this connector that talks to the API, and the one place where its failures
 * become the kit's errors. It does not retry: the hub retries what an error marks `retryable`.
 */

const REQUEST_TIMEOUT_MS = 30_000;
const BODY_EXCERPT_CHARS = 500;

/** An item as the API returns it; unknown fields pass through to the hub. */
export const apiItemSchema = z.looseObject({
  id: z.string().min(1),
  updated_at: z.string().min(1),
  external_id: z.string().nullish(),
});

const apiPageSchema = z.object({
  items: z.array(apiItemSchema),
  next_page_token: z.string().nullish(),
});

export type ApiItem = z.infer<typeof apiItemSchema>;
export type ApiPage = z.infer<typeof apiPageSchema>;

export interface ListItemsQuery {
  /** Items changed at or after this ISO timestamp. */
  updatedSince?: string;
  pageToken?: string;
  limit: number;
  externalId?: string;
}

/** The API's operations, bound to one integration's config. */
export interface TemplateClient {
  listItems(query: ListItemsQuery, signal?: AbortSignal): Promise<ApiPage>;
  /** The item, or null when the API answers 404. */
  getItem(id: string, signal?: AbortSignal): Promise<ApiItem | null>;
  createItem(body: Record<string, unknown>, signal?: AbortSignal): Promise<ApiItem>;
  updateItem(id: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<ApiItem>;
}

interface CallOptions<T> {
  query?: Record<string, string | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** What to answer for a 404 instead of failing. */
  notFound?: T;
}

export function createClient(config: TemplateConfig): TemplateClient {
  const call = async <T>(method: string, path: string, schema: z.ZodType<T>, options: CallOptions<T>): Promise<T> => {
    const url = new URL(path.replace(/^\//, ''), config.endpoint.endsWith('/') ? config.endpoint : `${config.endpoint}/`);
    for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, value);
    // The query string may carry values worth keeping out of errors and logs.
    const request = `${method} ${url.origin}${url.pathname}`;
    const response = await send(url, method, config.apiKey, options.body, request, options.signal);
    if (response.status === 404 && 'notFound' in options) return options.notFound as T;
    const text = await response.text();
    if (!response.ok) throw errorForResponse(response, text, request);
    const parsed = schema.safeParse(text === '' ? undefined : safeJson(text));
    if (!parsed.success) throw new UpstreamError(`${request} answered with an unexpected body: ${z.prettifyError(parsed.error)}`, { request, status: response.status, body: text.slice(0, BODY_EXCERPT_CHARS) });
    return parsed.data;
  };

  return {
    listItems: (query, signal) =>
      call('GET', '/items', apiPageSchema, {
        query: { updated_since: query.updatedSince, page_token: query.pageToken, limit: String(query.limit), external_id: query.externalId },
        signal,
      }),
    getItem: (id, signal) => call('GET', `/items/${encodeURIComponent(id)}`, apiItemSchema.nullable(), { signal, notFound: null }),
    createItem: (body, signal) => call('POST', '/items', apiItemSchema, { body, signal }),
    updateItem: (id, body, signal) => call('PATCH', `/items/${encodeURIComponent(id)}`, apiItemSchema, { body, signal }),
  };
}

async function send(url: URL, method: string, apiKey: string, body: unknown, request: string, signal?: AbortSignal): Promise<Response> {
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  try {
    return await fetch(url, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (err) {
    // A cancelled run is not the upstream's fault: let the cancellation through as it is.
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) throw new UpstreamTimeoutError(`${request} timed out after ${REQUEST_TIMEOUT_MS} ms`, { request });
    const cause = (err as { cause?: { code?: string } }).cause;
    throw new UpstreamError(`${request} failed: ${cause?.code ?? (err as Error).message}`, { request }, { retryable: true, cause: err });
  }
}

function errorForResponse(response: Response, text: string, request: string): UpstreamError {
  const data = { request, status: response.status, body: text.slice(0, BODY_EXCERPT_CHARS) };
  const what = `${request} answered ${response.status}`;
  if (response.status === 401 || response.status === 403) return new UpstreamAuthError(`${what}: check the API key`, data);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (response.status === 429 || (response.status === 503 && retryAfterMs !== undefined)) return new UpstreamThrottledError(what, { ...data, retryAfterMs });
  return new UpstreamError(what, data, { retryable: response.status >= 500 });
}

/** Retry-After as milliseconds: either delay-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
