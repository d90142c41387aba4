import assert from 'node:assert/strict';
import { UpstreamAuthError } from '@ihub/plugin-kit';
import { FAKE_OAUTH_CLIENT, FAKE_USER, startServiceNowFake, type ServiceNowFake } from '../../../test/fakes/servicenow';
import connector from '../src/index';
import { basicConfig, contextFor, oauthPasswordConfig } from './support/servicenow-context';

const VIEW = { displayValue: 'false', excludeReferenceLink: true, limit: 5 } as const;

const isAuthError = (pattern: RegExp) => (err: unknown) => {
  assert.ok(err instanceof UpstreamAuthError, `expected UpstreamAuthError, got ${String(err)}`);
  assert.equal(err.code, 'IHUB_UPSTREAM_AUTH');
  assert.equal(err.retryable, false);
  assert.match(err.message, pattern);
  return true;
};

describe('servicenow authentication', () => {
  let fake: ServiceNowFake;
  beforeEach(async () => {
    fake = await startServiceNowFake({ seed: { incident: 2 } });
  });
  afterEach(() => fake.close());

  it('authenticates with basic auth as the integration user', async () => {
    const ctx = contextFor(basicConfig(fake));

    await ctx.client.list('incident', VIEW);

    assert.deepEqual([fake.requests[0].auth, fake.requests[0].user], ['basic', FAKE_USER.userName]);
  });

  it("fails a wrong password at once with a coded, non-retryable error carrying the instance's message", async () => {
    const ctx = contextFor(basicConfig(fake, { auth: { method: 'basic', username: FAKE_USER.userName, password: 'wrong' } }));

    await assert.rejects(ctx.client.list('incident', VIEW), isAuthError(/User Not Authenticated \(Required to provide Auth information\)/));
    assert.equal(fake.requests.length, 1);
    assert.deepEqual(ctx.sleeps, []);
  });

  it('gets a token with the password grant, client credentials in the form body, and sends it as a bearer token', async () => {
    const ctx = contextFor(oauthPasswordConfig(fake));

    await ctx.client.list('incident', VIEW);

    assert.deepEqual(fake.credentials.grants, [{ grantType: 'password', ok: true }]);
    const [token, call] = fake.requests;
    assert.equal(token.path, '/oauth_token.do');
    assert.equal(token.auth, 'none');
    assert.deepEqual([call.auth, call.user, call.status], ['bearer', FAKE_USER.userName, 200]);
  });

  it('gets a new token when the instance answers 401 to an expired one, and the call succeeds', async () => {
    const ctx = contextFor(oauthPasswordConfig(fake));
    await ctx.client.list('incident', VIEW);
    fake.faults.expireTokens();
    fake.requests.length = 0;

    const page = await ctx.client.list('incident', VIEW);

    assert.equal(page.rows.length, 2);
    assert.deepEqual(fake.requests.map((r) => `${r.path} ${r.status}`), ['/api/now/table/incident 401', '/oauth_token.do 200', '/api/now/table/incident 200']);
  });

  it('renews the token before it expires, without a 401', async () => {
    let now = Date.now();
    const short = await startServiceNowFake({ accessTokenLifespanSeconds: 120 });
    try {
      const ctx = contextFor(oauthPasswordConfig(short), { now: () => now });
      await ctx.client.list('incident', VIEW);
      // expires_in is 119 s; the kit renews half the lifetime before the end when that is under its 60 s margin.
      now += 61_000;
      await ctx.client.list('incident', VIEW);

      assert.deepEqual(short.credentials.grants.map((g) => g.grantType), ['password', 'password']);
      assert.ok(short.requests.every((r) => r.status !== 401));
    } finally {
      await short.close();
    }
  });

  it('uses the refresh-token grant, and uses it again when the access token expires', async () => {
    const refreshToken = fake.credentials.issueRefreshToken(FAKE_USER.userName);
    const ctx = contextFor(basicConfig(fake, { auth: { method: 'oauth2-refresh-token', clientId: FAKE_OAUTH_CLIENT.clientId, clientSecret: FAKE_OAUTH_CLIENT.clientSecret, refreshToken } }));

    await ctx.client.list('incident', VIEW);
    fake.faults.expireTokens();
    await ctx.client.list('incident', VIEW);

    assert.deepEqual(fake.credentials.grants, [
      { grantType: 'refresh_token', ok: true },
      { grantType: 'refresh_token', ok: true },
    ]);
  });

  it('fails with an auth error when the refresh token was revoked, and the connection check says so', async () => {
    const refreshToken = fake.credentials.issueRefreshToken(FAKE_USER.userName);
    fake.credentials.revokeRefreshTokens();
    const config = basicConfig(fake, { auth: { method: 'oauth2-refresh-token', clientId: FAKE_OAUTH_CLIENT.clientId, clientSecret: FAKE_OAUTH_CLIENT.clientSecret, refreshToken } });
    const ctx = contextFor(config);

    await assert.rejects(ctx.client.list('incident', VIEW), isAuthError(/token endpoint .*oauth_token\.do refused the credentials \(401\)/));
    const check = await connector.check(contextFor(config));
    assert.equal(check.ok, false);
    assert.match(check.message!, /refused the credentials/);
    assert.ok(!check.message!.includes(refreshToken), 'the message does not show the refresh token');
  });

  it('fails with an auth error for a wrong client secret, never calling the Table API', async () => {
    const ctx = contextFor(oauthPasswordConfig(fake, { auth: { method: 'oauth2-password', clientId: FAKE_OAUTH_CLIENT.clientId, clientSecret: 'wrong', username: FAKE_USER.userName, password: FAKE_USER.password } }));

    await assert.rejects(ctx.client.list('incident', VIEW), isAuthError(/refused the credentials/));
    assert.deepEqual(fake.requests.map((r) => r.path), ['/oauth_token.do']);
  });
});
