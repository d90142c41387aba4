/** When to retry and how long to wait: exponential backoff with jitter, or what Retry-After says. */

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
/** A longer Retry-After than this is not waited for: the error goes to the caller, who can decide. */
export const MAX_RETRY_AFTER_MS = 60_000;

export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Milliseconds before retry number `attempt` (0-based): half fixed, half random, so clients spread out. */
export function backoffDelay(attempt: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
