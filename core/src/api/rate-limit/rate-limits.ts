import type { DataSource } from 'typeorm';
import { RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '@ihub/plugin-kit';
import { consoleLogger } from '../../runtime/console-logger';
import { decisionOf, tighterOf, type RateDecision, type RateScope } from './rate-decision';
import { checkRateLimitSettings, DEFAULT_RATE_LIMITS, type BucketSettings, type RateLimitSettings } from './rate-limit.settings';
import { openStoreLimiter, type StoreLimiter } from './store-limiter';
import { throttledWarning } from './throttled-warning';

const SWEEP_EVERY_MS = 5 * 60_000;
/** Rows whose window ended this long ago are deleted by the sweep (the library's own choice). */
const SWEEP_AFTER_MS = 60 * 60_000;
const WARN_EVERY_MS = 60_000;

/**
 * Per API key and per tenant request budgets, counted in the hub's database so that every node of
 * a cluster draws from the same budget.
 *
 * Counting is rate-limiter-flexible's fixed window: a bucket's window opens at its first request,
 * lasts `windowSeconds`, and the bucket is full again when it ends. A client can therefore spend
 * up to twice its budget across a window boundary. That is acceptable here: the limit protects
 * the hub and its database from runaway clients, not a contract metered to the request, and a
 * fixed window costs one upsert per bucket where a sliding log would cost a row per request.
 */
export interface RateLimits {
  readonly settings: Readonly<RateLimitSettings>;
  /**
   * Takes one point from the key's bucket, then, if the key is within budget, one from the
   * tenant's: a key refused on its own budget does not eat into its tenant's, so one runaway key
   * cannot starve the tenant's other keys. Reports the tighter of the two (see `tighterOf`).
   *
   * `keyId` and `tenantId` are the stored ids (`api_key.id`, `tenant.id`), never the key's secret,
   * which would otherwise be written to the `ihub_rate_limit` table.
   *
   * Fails open: when the database cannot be reached the request is allowed, marked `unmetered`,
   * and a warning is logged (at most once a minute). Every route needs the database anyway, so a
   * real outage fails requests elsewhere; a short hiccup must not turn into refused requests.
   */
  consume(keyId: string, tenantId: string): Promise<RateDecision>;
  /** Stops the sweep of expired rows. The store stays open: it belongs to the caller. */
  close(): void;
}

export interface RateLimitsOptions {
  logger?: Logger;
}

/** Opens the two budgets on the store (creating the `ihub_rate_limit` table if needed). */
export async function createRateLimits(store: DataSource, settings: RateLimitSettings = DEFAULT_RATE_LIMITS, options: RateLimitsOptions = {}): Promise<RateLimits> {
  checkRateLimitSettings(settings);
  const frozen = Object.freeze({ perKey: Object.freeze({ ...settings.perKey }), perTenant: Object.freeze({ ...settings.perTenant }) });
  const keys = await openStoreLimiter(store, { keyPrefix: 'key', ...frozen.perKey });
  const tenants = await openStoreLimiter(store, { keyPrefix: 'tenant', ...frozen.perTenant });
  const logger = options.logger ?? consoleLogger('warn', 'ihub rate-limit');
  const warn = throttledWarning(logger, WARN_EVERY_MS);

  // Both buckets live in one table, so sweeping through either limiter clears both.
  const sweep = setInterval(() => {
    keys.clearExpired(Date.now() - SWEEP_AFTER_MS).catch((err: Error) => logger.debug(`rate limit sweep failed: ${err.message}`));
  }, SWEEP_EVERY_MS);
  sweep.unref();

  return {
    settings: frozen,
    async consume(keyId, tenantId) {
      try {
        const key = await take(keys, keyId, frozen.perKey, 'key');
        if (!key.allowed) return key;
        return tighterOf(key, await take(tenants, tenantId, frozen.perTenant, 'tenant'));
      } catch (err) {
        warn(`rate limits not enforced, the store is unavailable: ${(err as Error).message}`);
        return unmetered(frozen.perKey);
      }
    },
    close() {
      clearInterval(sweep);
    },
  };
}

/** One point from one bucket. The library rejects with a RateLimiterRes for "over budget" and with an Error for a store failure. */
async function take(limiter: StoreLimiter, id: string, bucket: BucketSettings, scope: RateScope): Promise<RateDecision> {
  try {
    return decisionOf(await limiter.consume(id), bucket.points, scope, true);
  } catch (err) {
    if (err instanceof RateLimiterRes) return decisionOf(err, bucket.points, scope, false);
    throw err;
  }
}

function unmetered(bucket: BucketSettings): RateDecision {
  return { allowed: true, limit: bucket.points, remaining: bucket.points, resetSeconds: bucket.windowSeconds, scope: 'key', unmetered: true };
}
