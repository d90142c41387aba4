import assert from 'node:assert/strict';
import { apiRoutes } from '../../../core/src/api/routes';
import { TokenSigner } from '../../../core/src/api/auth/tokens';
import type { AnyApiRoute } from '../../../core/src/api/api-route';
import { consoleLogger } from '../../../core/src/runtime/console-logger';
import { ApiHarness, SECRET_VALUE, apiFlow } from './api-harness';
import { AuditLog, CanonicalRecord } from '../../../core/src/store/entities';

const ROUTES = apiRoutes(TokenSigner.fromEnv({ IHUB_JWT_SECRET: 'x' }, consoleLogger('error')));

/** How to call each route successfully. A route without an entry fails the suite: none can skip. */
type Fixture = { path: (h: ApiHarness) => string; body?: (h: ApiHarness) => unknown; status?: number; key?: keyof ApiHarness['keys'] };
const FIXTURES: Record<string, Fixture> = {
  issueToken: { path: () => '/api/v1/oauth/token', body: (h) => ({ grant_type: 'client_credentials', client_id: h.oauth.clientId, client_secret: h.oauth.clientSecret }) },
  listApiKeys: { path: () => '/api/v1/api-keys' },
  createApiKey: { path: () => '/api/v1/api-keys', body: () => ({ name: 'new', scopes: ['read'] }), status: 201 },
  revokeApiKey: { path: (h) => `/api/v1/api-keys/${h.ids.apiKey}`, status: 204 },
  listOAuthClients: { path: () => '/api/v1/oauth-clients' },
  createOAuthClient: { path: () => '/api/v1/oauth-clients', body: () => ({ name: 'ci', scopes: ['read'] }), status: 201 },
  revokeOAuthClient: { path: (h) => `/api/v1/oauth-clients/${h.ids.oauthClient}`, status: 204 },
  getCurrentTenant: { path: () => '/api/v1/tenant' },
  listConnectors: { path: () => '/api/v1/connectors' },
  getConnector: { path: () => '/api/v1/connectors/csv' },
  listIntegrations: { path: () => '/api/v1/integrations' },
  getIntegration: { path: (h) => `/api/v1/integrations/${h.ids.integration}` },
  checkIntegration: { path: (h) => `/api/v1/integrations/${h.ids.integration}/check` },
  pauseIntegration: { path: (h) => `/api/v1/integrations/${h.ids.integration}/pause` },
  resumeIntegration: { path: (h) => `/api/v1/integrations/${h.ids.integration}/resume` },
  listFlows: { path: () => '/api/v1/flows' },
  getFlow: { path: (h) => `/api/v1/flows/${h.ids.flow}` },
  startFlowRun: { path: (h) => `/api/v1/flows/${h.ids.flow}/runs`, body: () => ({ dryRun: true }), status: 202 },
  listFlowRuns: { path: (h) => `/api/v1/flows/${h.ids.flow}/runs` },
  getRun: { path: (h) => `/api/v1/runs/${h.ids.run}` },
  retryFailedRecords: { path: (h) => `/api/v1/runs/${h.ids.run}/retry-failed`, status: 202 },
  listRecords: { path: () => '/api/v1/records?entityType=row' },
  getRecord: { path: (h) => `/api/v1/records/${h.ids.record}` },
  listRecordMappings: { path: (h) => `/api/v1/records/${h.ids.record}/mappings` },
  listMappings: { path: (h) => `/api/v1/mappings?integration=${h.ids.integration}&externalId=a` },
  listEvents: { path: () => '/api/v1/events?type=record.*' },
  listAuditLog: { path: () => '/api/v1/audit' },
  listTenants: { path: () => '/api/v1/tenants' },
  createTenant: { path: () => '/api/v1/tenants', body: () => ({ code: 'created-tenant', name: 'Created in a test' }), status: 201 },
  updateTenant: { path: (h) => `/api/v1/tenants/${h.tenantB}`, body: () => ({ name: 'Tenant B renamed' }) },
  createIntegration: { path: () => '/api/v1/integrations', body: (h) => ({ name: 'created-in-test', connector: 'csv', settings: { folder: h.project.files, file: 'created.csv' } }), status: 201 },
  updateIntegration: { path: (h) => `/api/v1/integrations/${h.ids.apiIntegration}`, body: () => ({ description: 'changed over the API' }) },
  deleteIntegration: { path: (h) => `/api/v1/integrations/${h.ids.disposableIntegration}`, status: 204 },
  createFlow: { path: () => '/api/v1/flows', body: () => apiFlow('created-in-test'), status: 201 },
  replaceFlow: { path: (h) => `/api/v1/flows/${h.ids.apiFlow}`, body: () => ({ ...apiFlow('api-flow'), schedule: '*/5 * * * *' }) },
  deleteFlow: { path: (h) => `/api/v1/flows/${h.ids.disposableFlow}`, status: 204 },
  listWebhookEventTypes: { path: () => '/api/v1/webhooks/event-types' },
  listWebhookSubscriptions: { path: () => '/api/v1/webhooks/subscriptions' },
  createWebhookSubscription: { path: () => '/api/v1/webhooks/subscriptions', body: () => ({ name: 'created-hook', url: 'https://example.com/hook', events: ['sync.*'] }), status: 201 },
  getWebhookSubscription: { path: (h) => `/api/v1/webhooks/subscriptions/${h.ids.webhookSubscription}` },
  updateWebhookSubscription: { path: (h) => `/api/v1/webhooks/subscriptions/${h.ids.webhookSubscription}`, body: () => ({ description: 'changed over the API' }) },
  deleteWebhookSubscription: { path: (h) => `/api/v1/webhooks/subscriptions/${h.ids.disposableSubscription}`, status: 204 },
  rotateWebhookSecret: { path: (h) => `/api/v1/webhooks/subscriptions/${h.ids.webhookSubscription}/rotate-secret`, body: () => ({ overlapSeconds: 60 }) },
  sendWebhookTestEvent: { path: (h) => `/api/v1/webhooks/subscriptions/${h.ids.webhookSubscription}/test`, status: 202 },
  listWebhookDeliveries: { path: (h) => `/api/v1/webhooks/subscriptions/${h.ids.webhookSubscription}/deliveries` },
  getWebhookDelivery: { path: (h) => `/api/v1/webhooks/deliveries/${h.ids.webhookDelivery}` },
  redeliverWebhook: { path: (h) => `/api/v1/webhooks/deliveries/${h.ids.webhookDelivery}/redeliver`, status: 202 },
  replayWebhookEvents: { path: (h) => `/api/v1/webhooks/subscriptions/${h.ids.webhookSubscription}/replay`, body: () => ({ since: '2020-01-01T00:00:00Z' }), status: 202 },
};

const needs = (route: AnyApiRoute) => route.scope;
const lowerKey = (route: AnyApiRoute): keyof ApiHarness['keys'] | null => (route.scope === 'admin' ? 'write' : route.scope === 'write' ? 'read' : null);
const hasPathId = (route: AnyApiRoute) => /\{\w+\}/.test(route.path);

describe('REST API: every route over HTTP', function () {
  this.timeout(60_000);
  let h: ApiHarness;
  before(async () => {
    h = await ApiHarness.start();
  });
  after(async () => h?.stop());

  it('has a fixture for every route, so no route escapes these tests', () => {
    assert.deepEqual(ROUTES.map((r) => r.operationId).filter((id) => !FIXTURES[id]), []);
  });

  for (const route of ROUTES) {
    const fixture = FIXTURES[route.operationId];
    if (!fixture) continue;
    describe(`${route.method} ${route.path} (${route.operationId})`, () => {
      it(`succeeds with ${route.scope === 'public' ? 'no' : `a '${route.scope}'`} credential`, async () => {
        const res = await h.request(route.method, fixture.path(h), { key: route.scope === 'public' ? null : h.keys[fixture.key ?? (route.scope === 'read' ? 'read' : route.scope)], body: fixture.body?.(h) ?? (route.method === 'POST' ? {} : undefined) });
        assert.equal(res.status, fixture.status ?? route.status ?? 200, res.text);
        if (res.status !== 204) route.response.parse(res.json);
        assert.ok(!res.text.includes(SECRET_VALUE), 'no secret in any response');
      });

      it('rejects invalid input with 400 naming the field', async () => {
        const url = hasPathId(route) && route.params ? fixture.path(h).replace(/[0-9a-f-]{36}|\/csv$/, (m) => (m === '/csv' ? '/NOT_AN_ID' : 'not-an-id')) : `${fixture.path(h)}${fixture.path(h).includes('?') ? '&' : '?'}bogus=1`;
        const res = await h.request(route.method, url, { key: route.scope === 'public' ? null : h.keys.admin, body: fixture.body?.(h) ?? (route.method === 'POST' ? {} : undefined) });
        assert.equal(res.status, 400, res.text);
        assert.equal(res.json.error.code, 'IHUB_VALIDATION');
        assert.ok(res.json.error.details.length > 0);
        assert.ok(res.json.error.details.every((d: { in: string; field: string }) => ['path', 'query', 'body'].includes(d.in)));
      });

      if (route.body) {
        it('rejects an unknown body field', async () => {
          const res = await h.request(route.method, fixture.path(h), { key: route.scope === 'public' ? null : h.keys.admin, body: { ...(fixture.body?.(h) as object), surprise: true } });
          assert.equal(res.status, 400, res.text);
          assert.ok(res.json.error.details.some((d: { field: string; message: string }) => d.field === 'surprise' && d.message === 'unknown field'), res.text);
        });
      }

      if (route.scope === 'public') return;
      for (const [name, key, pattern] of [
        ['missing', null, /missing credentials/],
        ['invalid', 'ihk_not-a-real-key', /invalid API key/],
        ['expired', 'expired', /expired/],
        ['revoked', 'revoked', /revoked/],
        ['malformed token', 'eyJhbGciOiJIUzI1NiJ9.e30.bad', /invalid access token/],
      ] as const) {
        it(`answers 401 to ${name} credentials`, async () => {
          const res = await h.request(route.method, fixture.path(h), { key: key === null ? null : key in h.keys ? h.keys[key as 'expired'] : key, body: fixture.body?.(h) });
          assert.equal(res.status, 401, res.text);
          assert.equal(res.json.error.code, 'IHUB_UNAUTHENTICATED');
          assert.match(res.json.error.message, pattern);
        });
      }

      const lower = lowerKey(route);
      if (lower) {
        it(`answers 403 to a '${lower}' credential (needs '${needs(route)}')`, async () => {
          const res = await h.request(route.method, fixture.path(h), { key: h.keys[lower], body: fixture.body?.(h) });
          assert.equal(res.status, 403, res.text);
          assert.equal(res.json.error.code, 'IHUB_FORBIDDEN');
        });
      }
    });
  }

  it('issues access tokens that authenticate, carry their scopes and name the client', async () => {
    const token = await h.request('POST', '/api/v1/oauth/token', { rawBody: `grant_type=client_credentials&client_id=${h.oauth.clientId}&client_secret=${h.oauth.clientSecret}&scope=read`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(token.status, 200, token.text);
    assert.equal(token.json.scope, 'read');
    assert.ok(Number(token.headers.get('ratelimit-limit')) > 0, 'the public token endpoint is metered by client address');
    const ok = await h.request('GET', '/api/v1/flows', { key: token.json.access_token });
    assert.equal(ok.status, 200);
    assert.ok(ok.headers.get('ratelimit-remaining'));
    const denied = await h.request('POST', `/api/v1/integrations/${h.ids.integration}/pause`, { key: token.json.access_token, body: {} });
    assert.equal(denied.status, 403);
    const basic = await h.request('POST', '/api/v1/oauth/token', { body: { grant_type: 'client_credentials' }, headers: { authorization: `Basic ${Buffer.from(`${h.oauth.clientId}:${h.oauth.clientSecret}`).toString('base64')}` } });
    assert.equal(basic.status, 200, basic.text);
    const wrong = await h.request('POST', '/api/v1/oauth/token', { body: { grant_type: 'client_credentials', client_id: h.oauth.clientId, client_secret: 'nope' } });
    assert.equal(wrong.status, 401);
    const tooMuch = await h.request('POST', '/api/v1/oauth/token', { body: { grant_type: 'client_credentials', client_id: h.oauth.clientId, client_secret: h.oauth.clientSecret, scope: 'admin' } });
    assert.equal(tooMuch.status, 400);
    // Revoking the client ends its tokens too (within the 10 s status cache; this one was never cached as active).
    const revoked = await h.request('POST', '/api/v1/oauth-clients', { key: h.keys.admin, body: { name: 'short-lived', scopes: ['read'] } });
    const issued = await h.request('POST', '/api/v1/oauth/token', { body: { grant_type: 'client_credentials', client_id: revoked.json.clientId, client_secret: revoked.json.clientSecret } });
    await h.request('DELETE', `/api/v1/oauth-clients/${revoked.json.id}`, { key: h.keys.admin });
    const after = await h.request('GET', '/api/v1/flows', { key: issued.json.access_token });
    assert.equal(after.status, 401);
    assert.match(after.json.error.message, /OAuth client of this access token is revoked/);
  });

  it('stops accepting an API key as soon as it is revoked over the API, though it was just used', async () => {
    const created = await h.request('POST', '/api/v1/api-keys', { key: h.keys.admin, body: { name: 'short', scopes: ['read'] } });
    assert.equal((await h.request('GET', '/api/v1/flows', { key: created.json.key })).status, 200);
    assert.equal((await h.request('DELETE', `/api/v1/api-keys/${created.json.id}`, { key: h.keys.admin })).status, 204);
    const after = await h.request('GET', '/api/v1/flows', { key: created.json.key });
    assert.equal(after.status, 401);
    assert.match(after.json.error.message, /revoked/);
  });

  it('answers an expired access token with 401', async () => {
    const signer = TokenSigner.fromEnv({ IHUB_JWT_SECRET: 'test-jwt-secret' }, consoleLogger('error'));
    const token = await signer.issue({ tenantId: h.tenantA, scopes: ['read'], clientId: 'x' }, -10);
    const res = await h.request('GET', '/api/v1/flows', { key: token });
    assert.equal(res.status, 401);
    assert.match(res.json.error.message, /expired/);
  });

  it('rejects a body over the size limit and a body that is not JSON', async () => {
    const big = await h.request('POST', '/api/v1/api-keys', { key: h.keys.admin, rawBody: JSON.stringify({ name: 'x'.repeat(2_000_000), scopes: ['read'] }), headers: { 'content-type': 'application/json' } });
    assert.equal(big.status, 413, big.text);
    assert.equal(big.json.error.code, 'IHUB_PAYLOAD_TOO_LARGE');
    const plain = await h.request('POST', `/api/v1/flows/${h.ids.flow}/runs`, { key: h.keys.write, rawBody: 'full=true', headers: { 'content-type': 'text/plain' } });
    assert.equal(plain.status, 415, plain.text);
    assert.equal(plain.json.error.code, 'IHUB_UNSUPPORTED_MEDIA_TYPE');
    const notJson = await h.request('POST', '/api/v1/api-keys', { key: h.keys.admin, rawBody: '{"name":', headers: { 'content-type': 'application/json' } });
    assert.equal(notJson.status, 400, notJson.text);
    assert.ok(notJson.json.error.code.startsWith('IHUB_'));
  });

  it('pages lists with a stable cursor', async () => {
    const first = await h.request('GET', '/api/v1/records?limit=2', { key: h.keys.read });
    assert.equal(first.json.data.length, 2);
    assert.ok(first.json.nextCursor);
    const second = await h.request('GET', `/api/v1/records?limit=2&cursor=${first.json.nextCursor}`, { key: h.keys.read });
    assert.equal(second.json.data.length, 1);
    assert.equal(second.json.nextCursor, null);
    const ids = [...first.json.data, ...second.json.data].map((r: { id: string }) => r.id);
    assert.deepEqual(ids, [...ids].sort());
    const bad = await h.request('GET', '/api/v1/records?cursor=garbage', { key: h.keys.read });
    assert.equal(bad.status, 400);
  });

  it('filters records by entity type, update time and deletion', async () => {
    const all = await h.request('GET', '/api/v1/records?entityType=row', { key: h.keys.read });
    assert.equal(all.json.data.length, 3);
    const since = all.json.data[0].updatedAt;
    assert.equal((await h.request('GET', `/api/v1/records?updatedSince=${since}`, { key: h.keys.read })).json.data.length, 3, 'the boundary is inclusive');
    assert.equal((await h.request('GET', `/api/v1/records?updatedSince=${new Date(Date.now() + 60_000).toISOString()}`, { key: h.keys.read })).json.data.length, 0);
    assert.equal((await h.request('GET', '/api/v1/records?entityType=other', { key: h.keys.read })).json.data.length, 0);
    const byField = await h.request('GET', '/api/v1/records?filter=v:2', { key: h.keys.read });
    assert.deepEqual(byField.json.data.map((r: { data: { id: string } }) => r.data.id), ['b']);
    assert.equal((await h.request('GET', '/api/v1/records?filter=id:b', { key: h.keys.read })).json.data.length, 1);
    const badFilter = await h.request('GET', "/api/v1/records?filter=x');drop", { key: h.keys.read });
    assert.equal(badFilter.status, 400);
    await h.node.runtime.store.getRepository(CanonicalRecord).update({ id: h.ids.record }, { deletedAt: new Date() });
    assert.equal((await h.request('GET', '/api/v1/records', { key: h.keys.read })).json.data.length, 2);
    const withDeleted = await h.request('GET', '/api/v1/records?includeDeleted=true', { key: h.keys.read });
    assert.equal(withDeleted.json.data.length, 3);
    assert.ok(withDeleted.json.data.find((r: { id: string; deletedAt: string | null }) => r.id === h.ids.record).deletedAt);
    await h.node.runtime.store.getRepository(CanonicalRecord).update({ id: h.ids.record }, { deletedAt: null });
  });

  it('never returns secrets: integration configs show *** for secret fields', async () => {
    const list = await h.request('GET', '/api/v1/integrations', { key: h.keys.read });
    const api = list.json.data.find((i: { name: string }) => i.name === 'api');
    assert.equal(api.configuration.apiKey, '***');
    assert.ok(!list.text.includes(SECRET_VALUE));
  });
});

describe('REST API: tenant isolation', function () {
  this.timeout(60_000);
  let h: ApiHarness;
  before(async () => {
    h = await ApiHarness.start();
  });
  after(async () => h?.stop());

  // Generated from the route table: a new route that takes an id is swept automatically.
  for (const route of ROUTES.filter((r) => hasPathId(r) && r.scope !== 'public')) {
    const fixture = FIXTURES[route.operationId];
    if (!fixture) continue;
    if (route.operationId === 'getConnector') {
      it(`${route.operationId}: connectors are a shared catalog, not tenant data`, async () => {
        const res = await h.request('GET', fixture.path(h), { key: h.keys.otherTenant });
        assert.equal(res.status, 200);
      });
      continue;
    }
    it(`${route.method} ${route.path}: another tenant's admin gets 404 and no data`, async () => {
      const res = await h.request(route.method, fixture.path(h), { key: h.keys.otherTenant, body: fixture.body?.(h) ?? (route.method === 'POST' ? {} : undefined) });
      assert.equal(res.status, 404, res.text);
      assert.equal(res.json.error.code, 'IHUB_NOT_FOUND');
      for (const leak of ['"data"', 'Tenant A', 'in.csv', SECRET_VALUE]) assert.ok(!res.text.includes(leak), `404 body leaks ${leak}`);
    });
  }

  for (const route of ROUTES.filter((r) => r.method === 'GET' && !hasPathId(r) && r.scope !== 'public' && r.operationId !== 'listConnectors')) {
    it(`${route.path}: lists only the caller's tenant`, async () => {
      if (route.operationId === 'listTenants') {
        const refused = await h.request('GET', '/api/v1/tenants', { key: h.keys.otherTenant });
        assert.equal(refused.status, 403, 'only the operator tenant lists tenants');
        return;
      }
      if (route.operationId === 'listAuditLog') await h.request('POST', `/api/v1/integrations/${h.ids.integration}/resume`, { key: h.keys.write, body: {} });
      const res = await h.request('GET', route.path === '/mappings' ? `/api/v1/mappings?integration=${h.ids.integration}` : `/api/v1${route.path}`, { key: h.keys.otherTenant });
      assert.equal(res.status, 200, res.text);
      if (route.operationId === 'listAuditLog') {
        // B's own attempts on A's ids (the sweep above) are B's audit rows; what must not show is A's rows.
        const ofA = new Set((await h.node.runtime.store.getRepository(AuditLog).findBy({ tenantId: h.tenantA })).map((r) => r.id));
        assert.ok(ofA.size > 0);
        assert.deepEqual(res.json.data.filter((r: { id: string }) => ofA.has(r.id)), []);
        return;
      }
      for (const id of Object.values(h.ids)) assert.ok(!res.text.includes(id), `${route.path} shows tenant A's ${id}`);
    });
  }
});
