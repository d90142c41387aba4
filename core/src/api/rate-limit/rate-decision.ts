import type { RateLimiterRes } from 'rate-limiter-flexible';

/** Which budget a decision describes. */
export type RateScope = 'key' | 'tenant';

/** The answer to one request: let it through or not, and what to tell the client. */
export interface RateDecision {
  allowed: boolean;
  /** Points of the reported budget per window. */
  limit: number;
  /** Points left in the reported budget's current window (0 when refused). */
  remaining: number;
  /** Seconds until the reported budget's window ends and it is full again. */
  resetSeconds: number;
  /** Set when refused: seconds the client should wait before trying again. */
  retryAfterSeconds?: number;
  scope: RateScope;
  /**
   * Set when the budgets could not be read (store unavailable) and the request was let through
   * without counting. The other fields are then placeholders, and no RateLimit headers are sent.
   */
  unmetered?: true;
}

/** Turns rate-limiter-flexible's answer for one bucket into a decision. */
export function decisionOf(res: RateLimiterRes, limit: number, scope: RateScope, allowed: boolean): RateDecision {
  const resetSeconds = Math.max(0, Math.ceil(res.msBeforeNext / 1000));
  const decision: RateDecision = { allowed, limit, remaining: allowed ? res.remainingPoints : 0, resetSeconds, scope };
  // Never "retry after 0 s": a client would retry at once into the same refused window.
  if (!allowed) decision.retryAfterSeconds = Math.max(1, resetSeconds);
  return decision;
}

/**
 * The decision the client must hear about: a refusal first, else the budget with fewer points
 * left, else the one that takes longer to refill.
 */
export function tighterOf(a: RateDecision, b: RateDecision): RateDecision {
  if (!a.allowed) return a;
  if (!b.allowed) return b;
  if (a.remaining !== b.remaining) return a.remaining < b.remaining ? a : b;
  return b.resetSeconds > a.resetSeconds ? b : a;
}
