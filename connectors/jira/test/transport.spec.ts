import assert from 'node:assert/strict';
import { HubError, UpstreamAuthError, UpstreamError } from '@ihub/plugin-kit';
import { basicConfig, contextFor, oauthConfig, useJiraSite } from './support/jira-site';

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof HubError, `expected a HubError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

const search = { jql: 'project = DEMO ORDER BY key ASC', maxResults: 10, fields: ['summary'] };

describe('jira transport', () => {
  const site = useJiraSite({ issues: 3 });

  it("waits as long as Jira's Retry-After asks when throttled, then reads the page", async () => {
    site.fake.faults.throttle(2, { retryAfterSeconds: 4, path: '/search/jql' });
    const { ctx, delays } = contextFor(basicConfig(site.fake));

    const page = await ctx.client.search(search);

    assert.equal(page.issues.length, 3);
    assert.deepEqual(delays, [4000, 4000]);
    const throttled = site.fake.requests.filter((r) => r.status === 429);
    assert.equal(throttled.length, 2);
  });

  it('retries a burst of 5xx answers with backoff and succeeds', async () => {
    site.fake.faults.serverErrors(3, { status: 503, path: '/search/jql' });
    const { ctx, delays } = contextFor(basicConfig(site.fake));

    const page = await ctx.client.search(search);

    assert.equal(page.isLast, true);
    // random() = 0.5 halves 500·2^attempt.
    assert.deepEqual(delays, [250, 500, 1000]);
  });

  it("fails a refused API token at once with a coded, non-retryable error carrying Jira's message", async () => {
    const { ctx, delays } = contextFor(basicConfig(site.fake, { auth: { type: 'basic', email: site.fake.credentials.email, apiToken: 'revoked-token' } }));

    const err = await rejection(ctx.client.search(search));

    assert.ok(err instanceof UpstreamAuthError);
    assert.equal(err.code, 'IHUB_UPSTREAM_AUTH');
    assert.equal(err.retryable, false);
    assert.match(err.message, /Client must be authenticated to access this resource\./);
    assert.doesNotMatch(JSON.stringify(err.data), /revoked-token/);
    assert.deepEqual(delays, []);
  });

  it('reports an expired OAuth 2.0 access token as a coded auth error that says to renew it', async () => {
    const { ctx } = contextFor(oauthConfig(site.fake));
    assert.equal((await ctx.client.myself()).accountId, site.fake.store.user.accountId);
    site.fake.faults.expireAccessToken();

    const err = await rejection(ctx.client.myself());

    assert.ok(err instanceof UpstreamAuthError);
    assert.equal(err.retryable, false);
    assert.match(err.message, /401: Unauthorized; the OAuth access token is invalid or has expired: renew it/);
  });

  it('fails a search page cut short as a retryable upstream error, not as an empty page', async () => {
    site.fake.faults.truncate(1);
    const { ctx } = contextFor(basicConfig(site.fake));

    const err = await rejection(ctx.client.search(search));

    assert.ok(err instanceof UpstreamError);
    assert.equal(err.retryable, true);
    assert.match(err.message, /with a body that is not a search page/);
    assert.equal((await ctx.client.search(search)).issues.length, 3);
  });

  it('reads the user time zone once per connection', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    assert.equal(await ctx.client.userTimeZone(), 'UTC');
    assert.equal(await ctx.client.withSignal(new AbortController().signal).userTimeZone(), 'UTC');
    assert.equal(site.fake.requests.filter((r) => r.path === '/rest/api/3/myself').length, 1);
  });
});
