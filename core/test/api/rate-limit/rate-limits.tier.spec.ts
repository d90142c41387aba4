import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import type { Logger } from '@ihub/plugin-kit';
import { openStore } from '../../../src/store/data-source';
import { createRateLimits, rateLimitHeaders, RATE_LIMIT_TABLE, type RateLimits, type RateLimitSettings } from '../../../src/api/rate-limit';
import { createTestDatabase, TestDatabase } from '../../../../test/support/test-store';

const budget = (perKey: number, perTenant: number, windowSeconds = 60): RateLimitSettings => ({
  perKey: { points: perKey, windowSeconds },
  perTenant: { points: perTenant, windowSeconds },
});

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = () => undefined;
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (...args: unknown[]) => warnings.push(args.map(String).join(' ')) };
}

describe('rate limits', function () {
  this.timeout(30_000);
  let db: TestDatabase;
  let stores: DataSource[];
  let opened: RateLimits[];

  /** Opens one more "node": a store of its own on the test database, with its own limits. */
  const node = async (settings: RateLimitSettings, logger: Logger = recordingLogger()) => {
    const store = await openStore({ url: db.url });
    stores.push(store);
    const limits = await createRateLimits(store, settings, { logger });
    opened.push(limits);
    return { store, limits };
  };

  beforeEach(async () => {
    db = await createTestDatabase();
    stores = [];
    opened = [];
  });
  afterEach(async () => {
    for (const limits of opened) limits.close();
    for (const store of stores) if (store.isInitialized) await store.destroy();
    await db.drop();
  });

  it('allows requests within budget and counts down what remains', async () => {
    const { limits } = await node(budget(3, 100));
    const decisions = [await limits.consume('k1', 't1'), await limits.consume('k1', 't1'), await limits.consume('k1', 't1')];
    assert.deepEqual(decisions.map((d) => [d.allowed, d.scope, d.limit, d.remaining]), [[true, 'key', 3, 2], [true, 'key', 3, 1], [true, 'key', 3, 0]]);
    for (const d of decisions) {
      assert.ok(d.resetSeconds >= 1 && d.resetSeconds <= 60, `resetSeconds ${d.resetSeconds}`);
      assert.equal(d.retryAfterSeconds, undefined);
    }
  });

  it('keeps its counters in the ihub_rate_limit table of the hub database', async () => {
    const { store, limits } = await node(budget(3, 100));
    await limits.consume('k1', 't1');
    const rows: Array<{ key: string }> = await store.query(`SELECT \`key\` FROM ${RATE_LIMIT_TABLE} ORDER BY \`key\``);
    assert.deepEqual(rows.map((r) => r.key), ['key:k1', 'tenant:t1']);
  });

  it('refuses a key over its budget, with the key scope and a Retry-After', async () => {
    const { limits } = await node(budget(2, 100));
    await limits.consume('k1', 't1');
    await limits.consume('k1', 't1');
    for (const refused of [await limits.consume('k1', 't1'), await limits.consume('k1', 't1')]) {
      assert.equal(refused.allowed, false);
      assert.equal(refused.scope, 'key');
      assert.equal(refused.remaining, 0);
      assert.ok(refused.retryAfterSeconds! > 0 && refused.retryAfterSeconds! <= 60, `retryAfterSeconds ${refused.retryAfterSeconds}`);
    }
    assert.equal((await limits.consume('k2', 't1')).allowed, true, 'another key of the tenant is not affected');
  });

  it('shares the tenant budget between its keys and reports it when it is the tighter one', async () => {
    const { limits } = await node(budget(10, 3));
    await limits.consume('a', 't1');
    await limits.consume('a', 't1');
    const last = await limits.consume('b', 't1');
    assert.deepEqual([last.allowed, last.scope, last.limit, last.remaining], [true, 'tenant', 3, 0]);
    const refused = await limits.consume('b', 't1');
    assert.deepEqual([refused.allowed, refused.scope], [false, 'tenant']);
    assert.ok(refused.retryAfterSeconds! > 0);
    assert.equal((await limits.consume('c', 't2')).allowed, true, 'another tenant is not affected');
  });

  it('does not charge the tenant for requests its key was refused', async () => {
    const { limits } = await node(budget(3, 5));
    for (let i = 0; i < 3; i++) assert.equal((await limits.consume('a', 't1')).allowed, true);
    for (let i = 0; i < 2; i++) assert.equal((await limits.consume('a', 't1')).scope, 'key');
    const other = await limits.consume('b', 't1');
    assert.deepEqual([other.allowed, other.scope, other.remaining], [true, 'tenant', 1]);
  });

  it('produces the RateLimit headers, and Retry-After only on a refusal', async () => {
    const { limits } = await node(budget(2, 100));
    const allowed = await limits.consume('k1', 't1');
    assert.deepEqual(rateLimitHeaders(allowed), { 'RateLimit-Limit': '2', 'RateLimit-Remaining': '1', 'RateLimit-Reset': String(allowed.resetSeconds) });
    await limits.consume('k1', 't1');
    const refused = await limits.consume('k1', 't1');
    assert.deepEqual(rateLimitHeaders(refused), {
      'RateLimit-Limit': '2',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': String(refused.resetSeconds),
      'Retry-After': String(refused.retryAfterSeconds),
    });
  });

  it('shares one budget between two nodes on the same database', async () => {
    const a = await node(budget(4, 100));
    const b = await node(budget(4, 100));
    assert.equal((await a.limits.consume('k1', 't1')).remaining, 3);
    assert.equal((await b.limits.consume('k1', 't1')).remaining, 2);
    assert.equal((await a.limits.consume('k1', 't1')).remaining, 1);
    assert.equal((await b.limits.consume('k1', 't1')).remaining, 0);
    assert.equal((await a.limits.consume('k1', 't1')).allowed, false);
    assert.equal((await b.limits.consume('k1', 't1')).allowed, false);
  });

  it('counts concurrent requests from two nodes exactly: the budget is never overspent', async () => {
    const a = await node(budget(10, 100));
    const b = await node(budget(10, 100));
    const decisions = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).limits.consume('k1', 't1')));
    assert.equal(decisions.filter((d) => d.allowed).length, 10);
    assert.deepEqual(decisions.filter((d) => d.allowed).map((d) => d.remaining).sort((x, y) => x - y), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('allows again once the window has passed', async () => {
    const { limits } = await node(budget(1, 100, 1));
    assert.equal((await limits.consume('k1', 't1')).allowed, true);
    const refused = await limits.consume('k1', 't1');
    assert.deepEqual([refused.allowed, refused.retryAfterSeconds], [false, 1]);
    // Bounded wait: the window is 1 s, so it must have reopened well within 3 s.
    const deadline = Date.now() + 3_000;
    let again = await limits.consume('k1', 't1');
    while (!again.allowed && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await limits.consume('k1', 't1');
    }
    assert.deepEqual([again.allowed, again.remaining], [true, 0]);
  });

  it('fails open with a warning when the store is unavailable', async () => {
    const logger = recordingLogger();
    const { store, limits } = await node(budget(1, 1), logger);
    await store.destroy();
    const decisions = [await limits.consume('k1', 't1'), await limits.consume('k1', 't1')];
    for (const d of decisions) {
      assert.equal(d.allowed, true);
      assert.equal(d.unmetered, true);
      assert.deepEqual(rateLimitHeaders(d), {}, 'no invented numbers in the headers');
    }
    assert.equal(logger.warnings.length, 1, 'one warning, not one per request');
    assert.match(logger.warnings[0], /rate limits not enforced/);
  });

  it('rejects budgets that are not positive whole numbers, listing each', async () => {
    const store = await openStore({ url: db.url });
    stores.push(store);
    await assert.rejects(createRateLimits(store, { perKey: { points: 0, windowSeconds: 60 }, perTenant: { points: 10, windowSeconds: 1.5 } }), (err: Error & { code?: string; message: string }) => {
      assert.equal(err.code, 'IHUB_CONFIG_INVALID');
      assert.match(err.message, /perKey\.points/);
      assert.match(err.message, /perTenant\.windowSeconds/);
      return true;
    });
  });
});
