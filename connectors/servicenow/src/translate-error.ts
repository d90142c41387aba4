import {
  ConfigInvalidError,
  NotFoundError,
  parseRetryAfter,
  RecordInvalidError,
  UpstreamAuthError,
  UpstreamError,
  UpstreamThrottledError,
  type HubError,
  type UpstreamErrorResponse,
} from '@ihub/plugin-kit';

/** The instance's error envelope, the same for every REST API: `{ "error": { "message", "detail" }, "status": "failure" }`. */
export function vendorMessage(body: unknown): string | undefined {
  const error = (body as { error?: { message?: unknown; detail?: unknown } } | null)?.error;
  if (typeof error?.message !== 'string' || error.message === '') return undefined;
  return typeof error.detail === 'string' && error.detail !== '' ? `${error.message} (${error.detail})` : error.message;
}

const RECORD_PATH = /\/api\/now\/(?:v\d+\/)?table\/([^/]+)\/([^/]+)$/;
const WRITES = /^(POST|PUT|PATCH) /;

/**
 * Turns the instance's error answers into the kit's errors, with the instance's own message.
 * Called once the transport has given up retrying (or for answers it never retries).
 *
 * - 401 → UpstreamAuthError (the transport already renewed an OAuth token once);
 * - 403 → RecordInvalidError when a business rule or data policy rejected a write ("Operation
 *   Failed"), else UpstreamAuthError: the integration user lacks a role, or an ACL denies it;
 * - 404 on a record → NotFoundError;
 * - 400 "Invalid table" → ConfigInvalidError; other 400s → RecordInvalidError for writes;
 * - 429, and 503 with a wait → UpstreamThrottledError with the wait the instance asked for;
 * - 5xx → retryable UpstreamError; anything else → UpstreamError.
 */
export function translateServiceNowError(response: UpstreamErrorResponse, now: () => number = Date.now): HubError {
  const { request, status, headers, bodyExcerpt } = response;
  const vendor = vendorMessage(response.data);
  const said = vendor ? `: ${vendor}` : '';
  const data = { request, status, body: bodyExcerpt, ...(vendor ? { vendorMessage: vendor } : {}) };
  const isWrite = WRITES.test(request);

  if (status === 401) return new UpstreamAuthError(`servicenow: ${request} was refused with 401${said}; check the integration's credentials`, data);
  if (status === 403) {
    if (isWrite && /operation failed|data policy/i.test(vendor ?? '')) return new RecordInvalidError(`servicenow: ${request} was rejected by the instance${said}`, data);
    return new UpstreamAuthError(`servicenow: ${request} was refused with 403${said}; the integration user lacks a role or an ACL denies it`, data);
  }
  if (status === 404) {
    const record = RECORD_PATH.exec(request);
    if (record) return new NotFoundError(`servicenow ${record[1]} record`, decodeURIComponent(record[2]));
  }
  if (status === 400 && /^Invalid table/i.test(vendor ?? '')) {
    return new ConfigInvalidError([{ path: 'entities', message: `the instance answered ${request} with "${vendor}": check the entity's table name and the user's access to it` }], 'servicenow connection config');
  }
  if (status === 400 && isWrite) return new RecordInvalidError(`servicenow: ${request} was rejected with 400${said}`, data);
  const retryAfterMs = waitAskedFor(headers, now());
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    const wait = retryAfterMs === undefined ? '' : `; retry after ${retryAfterMs} ms`;
    return new UpstreamThrottledError(`servicenow: ${request} was throttled with ${status}${said}${wait}`, { ...data, retryAfterMs, rateLimit: rateLimitOf(headers) });
  }
  return new UpstreamError(`servicenow: ${request} answered ${status}${said}`, data, { retryable: status >= 500 });
}

/** How long the instance asked to wait: `Retry-After` (seconds or an HTTP date), else until `X-RateLimit-Reset` (epoch seconds). */
function waitAskedFor(headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = headers['x-ratelimit-reset']?.trim();
  return reset && /^\d+$/.test(reset) ? Math.max(0, Number(reset) * 1000 - now) : undefined;
}

/** The instance's rate-limit headers, for the error's data: which rule fired and when it resets. */
function rateLimitOf(headers: Record<string, string>): Record<string, string> | undefined {
  const entries = ['limit', 'remaining', 'reset', 'rule'].flatMap((k) => (headers[`x-ratelimit-${k}`] === undefined ? [] : [[k, headers[`x-ratelimit-${k}`]]]));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
