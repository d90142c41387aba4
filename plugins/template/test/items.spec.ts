import assert from 'node:assert/strict';
import { HubError, manifestProblems, secretPaths, UpstreamThrottledError, type ConnectorContext, type ListPage } from '@ihub/plugin-kit';
import connector, { configSchema, type TemplateConfig } from '../src/index';
import { createClient, type TemplateClient } from '../src/transport';
import { FakeItemsApi } from './fakes/items-api.fake';

const items = connector.entities.items;

describe('template connector: items', () => {
  const api = new FakeItemsApi();
  let ctx: ConnectorContext<TemplateConfig, TemplateClient>;
  /** The waits the transport asked for between retries; recorded instead of waited. */
  let waits: number[];

  beforeEach(async () => {
    api.items.clear();
    api.requests.length = 0;
    api.failures.length = 0;
    waits = [];
    await api.start();
    ctx = contextFor({ endpoint: api.endpoint, apiKey: api.apiKey });
  });
  afterEach(() => api.stop());

  function contextFor(settings: unknown): ConnectorContext<TemplateConfig, TemplateClient> {
    const config = configSchema.parse(settings);
    const client = createClient(config, { sleep: async (ms) => void waits.push(ms) });
    return { config, client, logger: { debug() {}, info() {}, warn() {}, error() {} }, integration: { id: 'i-1', name: 'items', tenantId: 't-1' }, signal: new AbortController().signal };
  }

  async function listAll(cursor: string | null, pageSize: number): Promise<ListPage[]> {
    const pages: ListPage[] = [];
    for (;;) {
      const page = await items.list!(ctx, { cursor, pageSize });
      pages.push(page);
      cursor = page.cursor;
      if (!page.hasMore) return pages;
    }
  }

  it('is a valid manifest whose api key is marked secret', () => {
    assert.deepEqual(manifestProblems(connector), []);
    assert.deepEqual(secretPaths(connector.config), ['apiKey']);
  });

  it('lists every item page by page, then only what changed since the last read', async () => {
    for (const name of ['a', 'b', 'c']) api.put({ name });
    const first = await listAll(null, 2);

    assert.deepEqual(first.map((p) => p.records.map((r) => r.data.name)), [['a', 'b'], ['c']]);
    assert.equal(first[0].records[0].updatedAt, api.items.get('item-1')!.updated_at);

    api.put({ id: 'item-2', name: 'b2' });
    const second = await listAll(first.at(-1)!.cursor, 2);

    // The boundary item (c) is read again by design; b changed.
    assert.deepEqual(second.flatMap((p) => p.records.map((r) => r.data.name)), ['c', 'b2']);
  });

  it('creates an item carrying the correlation id, and finds it again when a retried create may exist', async () => {
    const created = await items.create!(ctx, { name: 'new' }, { correlationId: 'hub-1', mayExist: false });
    assert.equal(api.items.get(created.id)!.external_id, 'hub-1');

    const retried = await items.create!(ctx, { name: 'new, retried' }, { correlationId: 'hub-1', mayExist: true });

    assert.equal(retried.id, created.id);
    assert.equal(api.items.size, 1);
    assert.equal(api.items.get(created.id)!.name, 'new, retried');
  });

  it('updates an item and gets it by id, and get answers null for an unknown id', async () => {
    const { id } = api.put({ name: 'old', size: 1 });
    await items.update!(ctx, id, { name: 'new' });

    assert.deepEqual((await items.get!(ctx, id))!.data, { ...api.items.get(id) });
    assert.equal(api.items.get(id)!.name, 'new');
    assert.equal(api.items.get(id)!.size, 1);
    assert.equal(await items.get!(ctx, 'missing'), null);
  });

  it('reports a rejected key as a non-retryable auth error, and check says so without throwing', async () => {
    const wrongKey = contextFor({ endpoint: api.endpoint, apiKey: 'wrong' });
    await assert.rejects(items.list!(wrongKey, { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_AUTH' && !err.retryable);

    const result = await connector.check(wrongKey);
    assert.equal(result.ok, false);
    assert.match(result.message!, /401/);
    assert.deepEqual(await connector.check(ctx), { ok: true });
  });

  it('waits as long as a 429 Retry-After asks, then reads the page', async () => {
    api.put({ name: 'a' });
    api.failures.push({ status: 429, headers: { 'retry-after': '0' } });

    const page = await items.list!(ctx, { cursor: null, pageSize: 10 });

    assert.deepEqual(page.records.map((r) => r.data.name), ['a']);
    assert.equal(api.requests.length, 2);
    assert.deepEqual(waits, [0]);
  });

  it('logs each retry through the integration logger it was connected with', async () => {
    const warnings: string[] = [];
    const base = { ...ctx, logger: { ...ctx.logger, warn: (message: string) => void warnings.push(message) } };
    const connected = { ...base, client: await connector.connect!(base) };
    api.failures.push({ status: 429, headers: { 'retry-after': '0' } });

    await items.list!(connected, { cursor: null, pageSize: 10 });

    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /^template: GET \S+\/v1\/items answered 429; retry 1 of \d+ in 0 ms$/);
  });

  it('fails at once as throttled when Retry-After asks for longer than a run should wait', async () => {
    api.failures.push({ status: 429, headers: { 'retry-after': '3600' } });

    await assert.rejects(items.list!(ctx, { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof UpstreamThrottledError && err.retryable && err.retryAfterMs === 3_600_000);
    assert.equal(api.requests.length, 1);
    assert.deepEqual(waits, []);
  });

  it('retries a read answering 500 with backoff, and reports a 500 that persists as retryable', async () => {
    api.put({ name: 'a' });
    api.failures.push({ status: 500 });
    assert.equal((await items.list!(ctx, { cursor: null, pageSize: 10 })).records.length, 1);
    assert.equal(waits.length, 1);

    api.failures.push(...Array.from({ length: 6 }, () => ({ status: 500 })));
    await assert.rejects(items.list!(ctx, { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR' && err.retryable && err.data.status === 500);
    assert.equal(waits.length, 1 + 5);
  });

  it('does not send a create again after a 500, since the item may exist; the error is retryable for the hub', async () => {
    api.failures.push({ status: 500 });

    await assert.rejects(items.create!(ctx, { name: 'new' }, { correlationId: 'hub-1', mayExist: false }), (err: unknown) => err instanceof HubError && err.retryable && err.data.status === 500);
    assert.deepEqual(api.requests, ['POST /v1/items']);
  });

  it('reports 400 as not retryable, naming the request without its query', async () => {
    api.failures.push({ status: 400 });

    await assert.rejects(
      items.list!(ctx, { cursor: null, pageSize: 10 }),
      (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR' && !err.retryable && /GET http:\/\/127\.0\.0\.1:\d+\/v1\/items answered 400$/.test(err.message),
    );
    assert.equal(api.requests.length, 1);
  });

  it('reports an answer of the wrong shape as an upstream error that says what is wrong', async () => {
    // The fake's failures answer `{ "error": … }`: with status 200, a page without `items`.
    api.failures.push({ status: 200 });

    await assert.rejects(
      items.list!(ctx, { cursor: null, pageSize: 10 }),
      (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR' && /GET \S+\/v1\/items answered with an unexpected body/.test(err.message) && /items/.test(err.message.split('body')[1]),
    );
  });

  it('reports an unreachable endpoint as a retryable upstream error, after retrying', async () => {
    await api.stop();
    await assert.rejects(items.list!(ctx, { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR' && err.retryable);
    assert.equal(waits.length, 5);
    await api.start();
  });

  it('rejects a config without an http(s) endpoint or an api key', () => {
    assert.equal(configSchema.safeParse({ endpoint: 'ftp://example.com', apiKey: 'k' }).success, false);
    assert.equal(configSchema.safeParse({ endpoint: 'https://example.com' }).success, false);
  });
});
