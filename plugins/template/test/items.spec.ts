import assert from 'node:assert/strict';
import { HubError, manifestProblems, secretPaths, UpstreamThrottledError, type ConnectorContext, type ListPage } from '@ihub/plugin-kit';
import connector, { configSchema, type TemplateConfig } from '../src/index';
import type { TemplateClient } from '../src/transport';
import { FakeItemsApi } from './fakes/items-api.fake';

const items = connector.entities.items;

describe('template connector: items', () => {
  const api = new FakeItemsApi();
  let ctx: ConnectorContext<TemplateConfig, TemplateClient>;

  beforeEach(async () => {
    api.items.clear();
    api.requests.length = 0;
    await api.start();
    ctx = await contextFor({ endpoint: api.endpoint, apiKey: api.apiKey });
  });
  afterEach(() => api.stop());

  async function contextFor(settings: unknown): Promise<ConnectorContext<TemplateConfig, TemplateClient>> {
    const base = { config: configSchema.parse(settings), logger: { debug() {}, info() {}, warn() {}, error() {} }, integration: { id: 'i-1', name: 'items', tenantId: 't-1' }, signal: new AbortController().signal };
    return { ...base, client: await connector.connect!(base) };
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
    const wrongKey = await contextFor({ endpoint: api.endpoint, apiKey: 'wrong' });
    await assert.rejects(items.list!(wrongKey, { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_AUTH' && !err.retryable);

    const result = await connector.check(wrongKey);
    assert.equal(result.ok, false);
    assert.match(result.message!, /401/);
    assert.deepEqual(await connector.check(ctx), { ok: true });
  });

  it('reports 429 as throttled with Retry-After, 500 as retryable and 400 as not', async () => {
    api.failures.push({ status: 429, headers: { 'retry-after': '3' } }, { status: 500 }, { status: 400 });
    const list = () => items.list!(ctx, { cursor: null, pageSize: 10 });

    await assert.rejects(list(), (err: unknown) => err instanceof UpstreamThrottledError && err.retryAfterMs === 3000);
    await assert.rejects(list(), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR' && err.retryable && err.data.status === 500);
    await assert.rejects(list(), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR' && !err.retryable && /GET http:\/\/127\.0\.0\.1:\d+\/v1\/items answered 400/.test(err.message));
  });

  it('reports an unreachable endpoint as a retryable upstream error', async () => {
    await api.stop();
    await assert.rejects(items.list!(ctx, { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR' && err.retryable);
    await api.start();
  });

  it('rejects a config without an http(s) endpoint or an api key', () => {
    assert.equal(configSchema.safeParse({ endpoint: 'ftp://example.com', apiKey: 'k' }).success, false);
    assert.equal(configSchema.safeParse({ endpoint: 'https://example.com' }).success, false);
  });
});
