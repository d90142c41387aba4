import { ConfigInvalidError, type ConfigProblem } from '@ihub/plugin-kit';

/** One budget: `points` requests per window of `windowSeconds`. */
export interface BucketSettings {
  points: number;
  windowSeconds: number;
}

/** The two budgets every API request draws from: its API key's and its tenant's. */
export interface RateLimitSettings {
  perKey: BucketSettings;
  /** Shared by all keys of a tenant, so a tenant cannot multiply its budget by minting keys. */
  perTenant: BucketSettings;
}

/** 10 requests/s per key on average, 50 requests/s per tenant. */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimitSettings> = Object.freeze({
  perKey: Object.freeze({ points: 600, windowSeconds: 60 }),
  perTenant: Object.freeze({ points: 3000, windowSeconds: 60 }),
});

/** Throws `IHUB_CONFIG_INVALID` listing every budget that is not a positive whole number. */
export function checkRateLimitSettings(settings: RateLimitSettings): void {
  const problems: ConfigProblem[] = [];
  for (const scope of ['perKey', 'perTenant'] as const) {
    for (const field of ['points', 'windowSeconds'] as const) {
      const value = settings[scope]?.[field];
      if (!Number.isInteger(value) || value < 1) problems.push({ path: `${scope}.${field}`, message: `must be a whole number ≥ 1, got ${String(value)}` });
    }
  }
  if (problems.length > 0) throw new ConfigInvalidError(problems, 'rate limit settings');
}
