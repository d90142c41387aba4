import type { HttpMethod, RetryOptions } from './http.types';
import type { Failure } from './failure';

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 5,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 5 * 60_000,
  retryNonIdempotent: false,
};

// Methods that may be repeated without changing the outcome (RFC 9110 §9.2.2).
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  return Math.floor(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * random());
}

/**
 * How long to wait before sending the call again after `failure`, or undefined when it must not
 * be sent again. `attempt` counts from 0 for the first retry; `retryAfterMs` is the upstream's
 * `Retry-After`, when it gave one.
 */
export function retryDelay(
  failure: Failure,
  method: HttpMethod,
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterMs: number | undefined,
): number | undefined {
  if (attempt >= policy.retries) return undefined;
  const repeatable = IDEMPOTENT.has(method) || policy.retryNonIdempotent;
  const backoff = (): number => backoffDelay(attempt, policy, random);
  switch (failure.kind) {
    case 'status':
      // 429 means the call was turned away unprocessed, so any method may be sent again.
      if (failure.status === 429 || (failure.status === 503 && repeatable)) {
        if (retryAfterMs === undefined) return backoff();
        return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
      }
      return [500, 502, 504].includes(failure.status) && repeatable ? backoff() : undefined;
    case 'timeout':
      return repeatable ? backoff() : undefined;
    case 'connection':
      return failure.transient && (repeatable || failure.neverSent) ? backoff() : undefined;
    default:
      return undefined;
  }
}
