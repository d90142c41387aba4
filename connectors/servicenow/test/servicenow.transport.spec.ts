import assert from 'node:assert/strict';
import { HubError, UpstreamError, UpstreamThrottledError } from '@ihub/plugin-kit';
import { startServiceNowFake, type ServiceNowFake } from '../../../test/fakes/servicenow';
import { basicConfig, contextFor } from './support/servicenow-context';

const VIEW = { displayValue: 'false', excludeReferenceLink: true } as const;

describe('servicenow transport', () => {
  let fake: ServiceNowFake;
  beforeEach(async () => {
    fake = await startServiceNowFake({ seed: { incident: 3 } });
  });
  afterEach(() => fake.close());

  it('waits as long as a 429 Retry-After asks, then gets the page', async () => {
    const ctx = contextFor(basicConfig(fake));
    fake.faults.throttle({ times: 1, retryAfterSeconds: 7, limit: 500 });

    const page = await ctx.client.list('incident', { ...VIEW, limit: 10 });

    assert.equal(page.rows.length, 3);
    assert.deepEqual(ctx.sleeps, [7000]);
    assert.deepEqual(fake.requests.map((r) => r.status), [429, 200]);
  });

  it('retries a burst of 503s with backoff and then succeeds', async () => {
    const ctx = contextFor(basicConfig(fake));
    fake.faults.serverErrors(3);

    const page = await ctx.client.list('incident', { ...VIEW, limit: 10 });

    assert.equal(page.rows.length, 3);
    assert.equal(ctx.sleeps.length, 3);
    assert.deepEqual(fake.requests.map((r) => r.status), [503, 503, 503, 200]);
  });

  it('gives up on a 5xx burst longer than its retries with a retryable error naming the vendor message', async () => {
    const ctx = contextFor(basicConfig(fake, { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } }));
    fake.faults.serverErrors(5, 500);

    await assert.rejects(ctx.client.list('incident', { ...VIEW, limit: 10 }), (err: unknown) => {
      assert.ok(err instanceof UpstreamError);
      assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
      assert.equal(err.retryable, true);
      assert.match(err.message, /answered 500: Internal Server Error/);
      return true;
    });
    assert.equal(fake.requests.length, 3);
  });

  it('does not wait in process for a Retry-After beyond maxRetryAfterMs, failing as throttled with the wait', async () => {
    const ctx = contextFor(basicConfig(fake, { retry: { maxRetryAfterMs: 1000 } }));
    fake.faults.throttle({ retryAfterSeconds: 3600 });

    await assert.rejects(ctx.client.list('incident', { ...VIEW, limit: 10 }), (err: unknown) => {
      assert.ok(err instanceof UpstreamThrottledError);
      assert.equal(err.retryAfterMs, 3_600_000);
      assert.equal((err.data.rateLimit as Record<string, string>).remaining, '0');
      return true;
    });
    assert.deepEqual(ctx.sleeps, []);
  });

  it('does not resend a create the instance answered 503 without a wait, as it may have been stored', async () => {
    const ctx = contextFor(basicConfig(fake));
    fake.faults.serverErrors(1);

    await assert.rejects(ctx.client.create('incident', { short_description: 'x' }, VIEW), (err: unknown) => err instanceof HubError && err.retryable);
    assert.equal(fake.requests.length, 1);
  });

  it('retries a read the instance did not answer in time', async () => {
    const ctx = contextFor(basicConfig(fake, { timeoutMs: 100 }));
    fake.faults.slow(400);

    const page = await ctx.client.list('incident', { ...VIEW, limit: 10 });

    assert.equal(page.rows.length, 3);
    assert.equal(ctx.sleeps.length, 1);
    assert.equal(fake.requests.length, 2);
  });

  it('fails a page cut off in the middle of its JSON with a retryable error', async () => {
    const ctx = contextFor(basicConfig(fake));
    fake.faults.breakNextPage({ kind: 'truncated-json' });

    await assert.rejects(ctx.client.list('incident', { ...VIEW, limit: 10 }), (err: unknown) => {
      assert.ok(err instanceof UpstreamError);
      assert.equal(err.retryable, true);
      assert.match(err.message, /a body that is not JSON/);
      return true;
    });
  });

  it("tells whether there is more from the instance's Link header, also when it caps the page size", async () => {
    const capped = await startServiceNowFake({ seed: { incident: 5 }, maxPageSize: 2 });
    try {
      const ctx = contextFor(basicConfig(capped));
      const first = await ctx.client.list('incident', { ...VIEW, limit: 10 });
      const last = await ctx.client.list('incident', { ...VIEW, limit: 10, offset: 4 });
      const whole = await contextFor(basicConfig(fake)).client.list('incident', { ...VIEW, limit: 10 });

      assert.deepEqual([first.rows.length, first.hasMore], [2, true]);
      assert.deepEqual([last.rows.length, last.hasMore], [1, false]);
      assert.deepEqual([whole.rows.length, whole.hasMore], [3, false]);
    } finally {
      await capped.close();
    }
  });

  it('answers null for a record the instance does not have, and false for deleting one', async () => {
    const ctx = contextFor(basicConfig(fake));

    assert.equal(await ctx.client.get('incident', 'f'.repeat(32), VIEW), null);
    assert.equal(await ctx.client.delete('incident', 'f'.repeat(32)), false);
  });
});
