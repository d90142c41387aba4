import { HubError, UpstreamAuthError, UpstreamError, UpstreamThrottledError, UpstreamTimeoutError } from '../errors';
import type { Failure } from './failure';
import type { UpstreamErrorResponse } from './http.types';

/**
 * The default mapping of an upstream error answer: 401/403 → UpstreamAuthError, 429 and 503 with
 * `Retry-After` → UpstreamThrottledError, anything else → UpstreamError, retryable for 5xx.
 */
export function errorForResponse(name: string, response: UpstreamErrorResponse, retryAfterMs: number | undefined): HubError {
  const { request, status, bodyExcerpt: body } = response;
  const data = { request, status, body };
  if (status === 401 || status === 403) {
    return new UpstreamAuthError(`${name}: ${request} was refused with ${status}; check the integration's credentials and permissions`, data);
  }
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) {
    const wait = retryAfterMs === undefined ? '' : `, retry after ${retryAfterMs} ms`;
    return new UpstreamThrottledError(`${name}: ${request} was throttled with ${status}${wait}`, { ...data, retryAfterMs });
  }
  return new UpstreamError(`${name}: ${request} answered ${status}`, data, { retryable: status >= 500 });
}

/** The error for a call that got no answer: timed out, connection failed, or failed in the client. */
export function errorForFailure(name: string, request: string, failure: Exclude<Failure, { kind: 'status' } | { kind: 'cancelled' }>, timeoutMs: number): HubError {
  switch (failure.kind) {
    case 'timeout':
      return new UpstreamTimeoutError(`${name}: ${request} got no answer within ${timeoutMs} ms`, { request, timeoutMs });
    case 'connection':
      return new UpstreamError(`${name}: ${request} could not reach the upstream (${failure.code})`, { request, code: failure.code }, { retryable: failure.transient });
    case 'other':
      return new UpstreamError(`${name}: ${request} failed in the HTTP client (${failure.code})`, { request, code: failure.code }, { retryable: false });
  }
}
