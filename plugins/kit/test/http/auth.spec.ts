import assert from 'node:assert/strict';
import {
  UpstreamAuthError,
  apiKeyHeader,
  basicAuth,
  bearerToken,
  createHttpTransport,
  oauth2ClientCredentials,
  oauth2Password,
  oauth2RefreshToken,
  type AuthHook,
} from '../../src';
import { sendJson, startServer, type LocalServer, type SeenRequest } from './local-server';

describe('auth hooks', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function headerSent(auth: AuthHook, name: string): Promise<string | string[] | undefined> {
    server = await startServer((_req, res) => sendJson(res, 200, {}));
    await createHttpTransport({ name: 'acme', baseURL: server.url, auth }).get('/x');
    return server.requests[0].headers[name];
  }

  it('basicAuth sends user and password as an RFC 7617 Basic header', async () => {
    assert.equal(await headerSent(basicAuth('svc', 'p:ss'), 'authorization'), `Basic ${Buffer.from('svc:p:ss').toString('base64')}`);
  });

  it('bearerToken reads a getter before each call', async () => {
    let n = 0;
    const auth = bearerToken(() => `t${++n}`);
    server = await startServer((_req, res) => sendJson(res, 200, {}));
    const transport = createHttpTransport({ name: 'acme', baseURL: server.url, auth });
    await transport.get('/a');
    await transport.get('/b');
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), ['Bearer t1', 'Bearer t2']);
  });

  it('apiKeyHeader sends the key in the named header', async () => {
    assert.equal(await headerSent(apiKeyHeader('X-Api-Key', 'k-123'), 'x-api-key'), 'k-123');
  });
});

describe('oauth2 auth hooks', () => {
  let server: LocalServer;
  let issued: string[];
  let accepted: Set<string>;
  let expiresIn: number | string | undefined;
  let tokenDelayMs: number;
  let tokenStatus: number;
  let refuseAll: boolean;

  const tokenRequests = (): SeenRequest[] => server.requests.filter((r) => r.url === '/oauth/token');
  const apiRequests = (): SeenRequest[] => server.requests.filter((r) => r.url.startsWith('/api'));

  beforeEach(async () => {
    issued = [];
    accepted = new Set();
    expiresIn = 3600;
    tokenDelayMs = 0;
    tokenStatus = 200;
    refuseAll = false;
    server = await startServer((req, res) => {
      if (req.url === '/oauth/token') {
        if (tokenStatus !== 200) return sendJson(res, tokenStatus, { error: 'invalid_client', error_description: `bad client, you sent ${req.body}` });
        const token = `t${issued.length + 1}`;
        issued.push(token);
        accepted.add(token);
        setTimeout(() => sendJson(res, 200, { access_token: token, token_type: 'bearer', expires_in: expiresIn, refresh_token: `r${issued.length}` }), tokenDelayMs);
        return;
      }
      const token = req.headers.authorization?.replace('Bearer ', '') ?? '';
      sendJson(res, accepted.has(token) && !refuseAll ? 200 : 401, { token });
    });
  });
  afterEach(() => server.close());

  function clientCredentials(now: () => number = Date.now, sendAs: 'body' | 'basic' = 'body'): AuthHook {
    return oauth2ClientCredentials({ tokenUrl: `${server.url}/oauth/token`, clientId: 'hub', clientSecret: 's3cr3t-value', scope: ['read', 'write'], sendAs, now });
  }
  const api = (auth: AuthHook) => createHttpTransport({ name: 'acme', baseURL: `${server.url}/api`, auth, sleep: async () => {} });

  it('fetches a client credentials token with a form POST and reuses it while it is valid', async () => {
    const transport = api(clientCredentials());
    await transport.get('/a');
    await transport.get('/b');
    assert.equal(tokenRequests().length, 1);
    const form = new URLSearchParams(tokenRequests()[0].body);
    assert.match(String(tokenRequests()[0].headers['content-type']), /^application\/x-www-form-urlencoded/);
    assert.deepEqual(Object.fromEntries(form), { grant_type: 'client_credentials', scope: 'read write', client_id: 'hub', client_secret: 's3cr3t-value' });
    assert.deepEqual(apiRequests().map((r) => r.headers.authorization), ['Bearer t1', 'Bearer t1']);
  });

  it('sends the client credentials in a Basic header when sendAs is basic', async () => {
    await api(clientCredentials(Date.now, 'basic')).get('/a');
    const req = tokenRequests()[0];
    assert.equal(req.headers.authorization, `Basic ${Buffer.from('hub:s3cr3t-value').toString('base64')}`);
    assert.equal(new URLSearchParams(req.body).get('client_secret'), null);
  });

  it('renews the token a minute before it expires', async () => {
    let now = 1_000_000;
    const transport = api(clientCredentials(() => now));
    await transport.get('/a');
    now += 3600_000 - 61_000;
    await transport.get('/b');
    assert.equal(tokenRequests().length, 1, 'still more than the margin to go');
    now += 2_000;
    await transport.get('/c');
    assert.equal(tokenRequests().length, 2, 'within the margin');
    assert.equal(apiRequests()[2].headers.authorization, 'Bearer t2');
  });

  it('reuses a token that lives shorter than the margin for half its life', async () => {
    expiresIn = '30';
    let now = 0;
    const transport = api(clientCredentials(() => now));
    await transport.get('/a');
    now = 14_000;
    await transport.get('/b');
    assert.equal(tokenRequests().length, 1);
    now = 15_000;
    await transport.get('/c');
    assert.equal(tokenRequests().length, 2);
  });

  it('shares one token request among concurrent calls', async () => {
    tokenDelayMs = 50;
    const transport = api(clientCredentials());
    await Promise.all(Array.from({ length: 8 }, (_, i) => transport.get(`/r${i}`)));
    assert.equal(tokenRequests().length, 1);
    assert.ok(apiRequests().every((r) => r.headers.authorization === 'Bearer t1'));
  });

  it('fetches a new token once when the upstream answers 401, and shares it among the calls refused together', async () => {
    const transport = api(clientCredentials());
    await transport.get('/warm');
    accepted.clear();
    const results = await Promise.all([transport.get('/a'), transport.get('/b'), transport.get('/c')]);
    assert.ok(results.every((r) => r.status === 200));
    assert.equal(tokenRequests().length, 2);
    assert.deepEqual(issued, ['t1', 't2']);
  });

  it('fails with UpstreamAuthError when the renewed token is refused too, renewing only once', async () => {
    const transport = api(clientCredentials());
    await transport.get('/warm');
    refuseAll = true;
    await assert.rejects(transport.get('/a'), UpstreamAuthError);
    assert.equal(tokenRequests().length, 2);
    assert.equal(apiRequests().length, 3);
  });

  it('reports a refused token request as UpstreamAuthError with the client secret scrubbed', async () => {
    tokenStatus = 401;
    const err = await api(clientCredentials()).get('/a').then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof UpstreamAuthError);
    assert.match(err.message, /token endpoint POST http:\/\/127\.0\.0\.1:\d+\/oauth\/token refused the credentials \(401\)/);
    assert.ok(String(err.data.body).includes('bad client'));
    assert.ok(!JSON.stringify(err).includes('s3cr3t-value'));
    assert.equal(apiRequests().length, 0);
  });

  it('password grant posts username and password', async () => {
    await api(oauth2Password({ tokenUrl: `${server.url}/oauth/token`, clientId: 'hub', username: 'svc', password: 'pw-123456', sendAs: 'body' })).get('/a');
    assert.deepEqual(Object.fromEntries(new URLSearchParams(tokenRequests()[0].body)), { grant_type: 'password', username: 'svc', password: 'pw-123456', client_id: 'hub' });
  });

  it('refresh token grant uses a rotated refresh token from then on and hands it over', async () => {
    const stored: string[] = [];
    let now = 0;
    const transport = api(
      oauth2RefreshToken({ tokenUrl: `${server.url}/oauth/token`, clientId: 'hub', clientSecret: 'cs-123456', refreshToken: 'r0', sendAs: 'basic', now: () => now, onRefreshToken: (t) => void stored.push(t) }),
    );
    await transport.get('/a');
    now = 3600_000;
    await transport.get('/b');
    assert.deepEqual(tokenRequests().map((r) => new URLSearchParams(r.body).get('refresh_token')), ['r0', 'r1']);
    assert.deepEqual(stored, ['r1', 'r2']);
  });
});
