/** Share of a step a retry may move either way, so consumers recovering from an outage are not hit by every node at once. */
const JITTER = 0.1;

export interface RetryDecision {
  /** Null when the schedule is exhausted: the delivery has failed for good. */
  delayMs: number | null;
}

/**
 * When to try a delivery again after its `attempts`-th failed attempt. `schedule[i]` is the wait
 * before attempt i+1 (the first is normally 0: send at once), so a schedule of n steps makes n
 * attempts. A `Retry-After` from the consumer is honoured when it asks for more than the step.
 */
export function nextRetry(schedule: number[], attempts: number, retryAfterMs: number | null, random: () => number = Math.random): RetryDecision {
  if (attempts >= schedule.length) return { delayMs: null };
  const step = schedule[attempts];
  const jittered = Math.round(step * (1 - JITTER + 2 * JITTER * random()));
  return { delayMs: Math.max(jittered, retryAfterMs ?? 0) };
}

/** `Retry-After` as seconds or an HTTP date → milliseconds from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: Date): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
