import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HubError,
  UpstreamAuthError,
  UpstreamError,
  UpstreamThrottledError,
  UpstreamTimeoutError,
  NotFoundError,
  apiKeyHeader,
  basicAuth,
  bearerToken,
  createHttpTransport,
  type HttpTransportOptions,
  type Logger,
} from '../../src';
import { recordingSleep, sendJson, startServer, type Handler, type LocalServer } from './local-server';

/** Answers each request with the next step; the last step repeats. */
function steps(...answers: Array<(res: http.ServerResponse) => void>): Handler {
  let i = 0;
  return (_req, res) => answers[Math.min(i++, answers.length - 1)](res);
}
const status =
  (code: number, headers: Record<string, string> = {}, body: unknown = { error: `status ${code}` }) =>
  (res: http.ServerResponse) =>
    sendJson(res, code, body, headers);
const ok = status(200, {}, { ok: true });

async function rejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof HubError, `expected a HubError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('createHttpTransport', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setup(handler: Handler, options: Partial<HttpTransportOptions> = {}) {
    server = await startServer(handler);
    const { sleep, delays } = recordingSleep();
    const warnings: unknown[][] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (...args) => void warnings.push(args), error() {} };
    const transport = createHttpTransport({ name: 'acme', baseURL: server.url, sleep, random: () => 0.5, logger, ...options });
    return { transport, delays, warnings, requests: server.requests };
  }

  it('sends a string body byte for byte, whatever its content type, and an object as JSON', async () => {
    const { transport, requests } = await setup(steps(ok));
    const batch = '{"event":"a"}\n{"event":"ü"}';
    await transport.post('/collector', batch, { headers: { 'Content-Type': 'application/json' } });
    await transport.post('/plain', 'not json at all', { headers: { 'Content-Type': 'application/json' } });
    await transport.post('/object', { name: 'a' });
    assert.deepEqual(requests.map((r) => r.body), [batch, 'not json at all', '{"name":"a"}']);
    assert.equal(requests[0].headers['content-type'], 'application/json');
    assert.equal(requests[0].headers['content-length'], String(Buffer.byteLength(batch)));
  });

  it('retries a GET answered 503 with exponential backoff and full jitter, then returns the answer', async () => {
    const { transport, delays, requests } = await setup(steps(status(503), status(503), ok));
    const res = await transport.get<{ ok: boolean }>('/things', { params: { q: 'x' } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.data, { ok: true });
    assert.equal(res.url, `${server?.url}/things?q=x`);
    assert.equal(requests.length, 3);
    // random() = 0.5 halves min(maxDelay, 500·2^attempt).
    assert.deepEqual(delays, [250, 500]);
  });

  it('caps each backoff step at maxDelayMs', async () => {
    const { transport, delays } = await setup(steps(status(502)), { retry: { retries: 4, baseDelayMs: 1000, maxDelayMs: 3000 }, random: () => 0.999 });
    await rejection(transport.get('/x'));
    assert.deepEqual(delays, [999, 1998, 2997, 2997]);
  });

  it('waits as long as a Retry-After in seconds asks, beyond maxDelayMs', async () => {
    const { transport, delays } = await setup(steps(status(429, { 'retry-after': '120' }), ok), { retry: { maxDelayMs: 1000 } });
    await transport.get('/x');
    assert.deepEqual(delays, [120_000]);
  });

  it('waits until the HTTP-date of a Retry-After on 503', async () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const { transport, delays } = await setup(steps(status(503, { 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' }), ok), { now: () => now });
    await transport.get('/x');
    assert.deepEqual(delays, [7000]);
  });

  it('gives up at once with UpstreamThrottledError when Retry-After exceeds maxRetryAfterMs', async () => {
    const { transport, delays, requests } = await setup(steps(status(429, { 'retry-after': '3600' })));
    const err = await rejection(transport.get('/x'));
    assert.ok(err instanceof UpstreamThrottledError);
    assert.equal(err.retryAfterMs, 3_600_000);
    assert.equal(err.retryable, true);
    assert.equal(requests.length, 1);
    assert.deepEqual(delays, []);
  });

  it('retries a POST answered 429, since the upstream did not process it', async () => {
    const { transport, requests } = await setup(steps(status(429, { 'retry-after': '1' }), status(201, {}, { id: '7' })));
    const res = await transport.post<{ id: string }>('/things', { name: 'a' });
    assert.equal(res.data.id, '7');
    assert.equal(requests.length, 2);
    assert.deepEqual(requests.map((r) => JSON.parse(r.body)), [{ name: 'a' }, { name: 'a' }]);
  });

  it('does not retry a POST answered 500 by default', async () => {
    const { transport, requests } = await setup(steps(status(500), ok));
    const err = await rejection(transport.post('/things', { name: 'a' }));
    assert.ok(err instanceof UpstreamError);
    assert.equal(err.status, 500);
    assert.equal(err.retryable, true);
    assert.equal(requests.length, 1);
  });

  it('retries a POST answered 500 when retryNonIdempotent is set', async () => {
    const { transport, requests } = await setup(steps(status(500), ok), { retry: { retryNonIdempotent: true } });
    await transport.post('/things', {});
    assert.equal(requests.length, 2);
  });

  it('translates a 400 without retrying, with the request and the first 2 KB of the body', async () => {
    const long = 'x'.repeat(5000);
    const { transport, requests } = await setup(steps(status(400, {}, { error: 'bad field', detail: long })));
    const err = await rejection(transport.get('/things?sysparm_query=active%3Dtrue', { params: { limit: 5 } }));
    assert.ok(err instanceof UpstreamError);
    assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
    assert.equal(err.retryable, false);
    assert.equal(err.fault, 'upstream');
    assert.equal(requests.length, 1);
    assert.equal(err.data.request, `GET ${server?.url}/things`);
    assert.equal(err.data.status, 400);
    const body = err.data.body as string;
    assert.equal(body.length, 2048);
    assert.ok(body.startsWith('{"error":"bad field"'));
    assert.match(err.message, /acme: GET http:\/\/127\.0\.0\.1:\d+\/things answered 400/);
  });

  it('translates a 404 into a non-retryable UpstreamError with status 404', async () => {
    const { transport } = await setup(steps(status(404)));
    const err = await rejection(transport.get('/things/1'));
    assert.ok(err instanceof UpstreamError);
    assert.equal(err.status, 404);
    assert.equal(err.retryable, false);
  });

  it('translates 401 and 403 into UpstreamAuthError without retrying', async () => {
    for (const code of [401, 403]) {
      const { transport, requests } = await setup(steps(status(code)));
      const err = await rejection(transport.get('/x'));
      assert.ok(err instanceof UpstreamAuthError, `for ${code}`);
      assert.equal(err.code, 'IHUB_UPSTREAM_AUTH');
      assert.equal(err.retryable, false);
      assert.equal(requests.length, 1);
      await server?.close();
    }
  });

  it('fails with UpstreamError, retryable, once retries on 503 without Retry-After are exhausted', async () => {
    const { transport, requests, warnings } = await setup(steps(status(503)), { retry: { retries: 2 } });
    const err = await rejection(transport.get('/x'));
    assert.equal(err.constructor, UpstreamError);
    assert.equal(err.retryable, true);
    assert.equal(requests.length, 3);
    assert.equal(warnings.length, 2);
    assert.match(String(warnings[0][0]), /acme: GET http:\/\/127\.0\.0\.1:\d+\/x answered 503; retry 1 of 2 in 250 ms/);
  });

  it('lets translateError map an error body, falling back to the default mapping', async () => {
    const { transport } = await setup((req, res) => sendJson(res, req.url === '/gone' ? 404 : 409, { code: req.url === '/gone' ? 'NO_RECORD' : 'CONFLICT' }), {
      translateError: (r) => ((r.data as { code?: string }).code === 'NO_RECORD' ? new NotFoundError('thing', '1') : undefined),
    });
    assert.ok((await rejection(transport.get('/gone'))) instanceof NotFoundError);
    const fallback = await rejection(transport.get('/other'));
    assert.equal(fallback.constructor, UpstreamError);
    assert.equal(fallback.data.status, 409);
  });

  it('fails with UpstreamTimeoutError when the upstream does not answer in time, after retrying a GET', async () => {
    const { transport, requests } = await setup(() => {}, { timeoutMs: 100, retry: { retries: 1 } });
    const err = await rejection(transport.get('/slow'));
    assert.ok(err instanceof UpstreamTimeoutError);
    assert.equal(err.code, 'IHUB_UPSTREAM_TIMEOUT');
    assert.equal(err.retryable, true);
    assert.equal(requests.length, 2);
  });

  it('does not resend a POST that timed out', async () => {
    const { transport, requests } = await setup(() => {}, { timeoutMs: 100 });
    assert.ok((await rejection(transport.post('/slow', {}))) instanceof UpstreamTimeoutError);
    assert.equal(requests.length, 1);
  });

  it('fails with a retryable UpstreamError when the connection is refused, after retrying even a POST', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { sleep, delays } = recordingSleep();
    const transport = createHttpTransport({ name: 'acme', baseURL: `http://127.0.0.1:${port}`, sleep, random: () => 0.5, retry: { retries: 2 } });
    const err = await rejection(transport.post('/x', {}));
    assert.equal(err.constructor, UpstreamError);
    assert.equal(err.retryable, true);
    assert.equal(err.data.code, 'ECONNREFUSED');
    assert.equal(delays.length, 2);
  });

  it('retries a GET whose connection was dropped (socket hang up)', async () => {
    let calls = 0;
    const { transport } = await setup((_req, res) => (calls++ === 0 ? res.socket?.destroy() : sendJson(res, 200, { ok: true })));
    const res = await transport.get('/x');
    assert.equal(res.status, 200);
    assert.equal(calls, 2);
  });

  it('stops waiting between retries when the signal aborts', async () => {
    const controller = new AbortController();
    const { transport, requests } = await setup(steps(status(503)), {
      sleep: async () => {
        controller.abort(new Error('run cancelled'));
        controller.signal.throwIfAborted();
      },
    });
    await assert.rejects(transport.get('/x', { signal: controller.signal }), /run cancelled/);
    assert.equal(requests.length, 1);
  });

  it('never puts credentials into errors or logs, even when the upstream echoes them', async () => {
    const echo: Handler = (req, res) => sendJson(res, req.url?.startsWith('/retry') ? 503 : 400, { echo: req.headers, url: req.url });
    const password = 'pa55-w0rd!';
    const token = 'tok-abcdef123456';
    const apiKey = 'key-9876543210';
    const cases: Array<[string, HttpTransportOptions['auth'], string]> = [
      ['basic', basicAuth('svc', password), password],
      ['bearer', bearerToken(async () => token), token],
      ['api key', apiKeyHeader('X-Api-Key', apiKey), apiKey],
    ];
    for (const [label, auth, value] of cases) {
      const { transport, warnings } = await setup(echo, { auth, secrets: ['query-secret-42'], retry: { retries: 1 } });
      for (const path of ['/fail?api_key=query-secret-42', '/retry?api_key=query-secret-42']) {
        const err = await rejection(transport.get(path));
        const serialized = JSON.stringify(err) + err.message + String(err.stack);
        assert.ok(serialized.includes('***'), `${label}: the echoed credential is scrubbed, not dropped silently`);
        for (const leaked of [value, 'query-secret-42', Buffer.from(`svc:${password}`).toString('base64')]) {
          assert.ok(!serialized.includes(leaked), `${label}: ${path} leaked a secret into the error`);
          assert.ok(!JSON.stringify(warnings).includes(leaked), `${label}: a secret was logged`);
        }
        assert.equal(err.cause, undefined, 'the axios error, which holds the request headers, is not kept as cause');
      }
      await server?.close();
    }
  });
});
