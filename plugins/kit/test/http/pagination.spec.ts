import assert from 'node:assert/strict';
import { UpstreamError, createHttpTransport, paginateCursor, paginateLinkHeader, paginateOffset, type HttpTransport, type Page } from '../../src';
import { sendJson, startServer, type Handler, type LocalServer, type SeenRequest } from './local-server';

const ITEMS = Array.from({ length: 7 }, (_, i) => ({ id: String(i + 1) }));
type Item = { id: string };
type Body = { items: Item[]; next?: string | null; total?: number };

async function collect<T, R>(pages: AsyncGenerator<Page<T, R>>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const page of pages) out.push(page.items);
  return out;
}
const ids = (pages: Item[][]): string[][] => pages.map((p) => p.map((i) => i.id));

describe('paginators', () => {
  let server: LocalServer;
  let transport: HttpTransport;
  async function serve(handler: Handler): Promise<void> {
    server = await startServer(handler);
    transport = createHttpTransport({ name: 'acme', baseURL: `${server.url}/api`, sleep: async () => {} });
  }
  afterEach(() => server.close());

  describe('paginateOffset', () => {
    const offsetApi: Handler = (req, res) => {
      const q = new URL(req.url, 'http://x').searchParams;
      const offset = Number(q.get('sysparm_offset'));
      const body: Body = { items: ITEMS.slice(offset, offset + Number(q.get('sysparm_limit'))), total: q.get('total') === 'yes' ? ITEMS.length : undefined };
      sendJson(res, 200, body);
    };

    it('reads pages until one has fewer items than the page size, keeping the request parameters', async () => {
      await serve(offsetApi);
      const pages = paginateOffset<Item, Body>({
        transport,
        request: { url: '/things', params: { sysparm_query: 'active=true' } },
        pageSize: 3,
        offsetParam: 'sysparm_offset',
        limitParam: 'sysparm_limit',
        getItems: (r) => r.data.items,
      });
      assert.deepEqual(ids(await collect(pages)), [['1', '2', '3'], ['4', '5', '6'], ['7']]);
      assert.deepEqual(
        server.requests.map((r) => r.url),
        ['/api/things?sysparm_query=active%3Dtrue&sysparm_offset=0&sysparm_limit=3', '/api/things?sysparm_query=active%3Dtrue&sysparm_offset=3&sysparm_limit=3', '/api/things?sysparm_query=active%3Dtrue&sysparm_offset=6&sysparm_limit=3'],
      );
    });

    it('stops once the reported total is reached, without asking for an empty page', async () => {
      await serve(offsetApi);
      const pages = paginateOffset<Item, Body>({
        transport,
        request: { url: '/things', params: { total: 'yes' } },
        pageSize: 7,
        offsetParam: 'sysparm_offset',
        limitParam: 'sysparm_limit',
        getItems: (r) => r.data.items,
        getTotal: (r) => r.data.total,
      });
      assert.deepEqual(ids(await collect(pages)), [['1', '2', '3', '4', '5', '6', '7']]);
      assert.equal(server.requests.length, 1);
    });

    it('puts offset and limit into the JSON body of a search that POSTs', async () => {
      await serve((req, res) => {
        const { startAt, maxResults } = JSON.parse(req.body) as { startAt: number; maxResults: number };
        sendJson(res, 200, { items: ITEMS.slice(startAt, startAt + maxResults) });
      });
      const pages = paginateOffset<Item, Body>({
        transport,
        request: { method: 'POST', url: '/search', data: { jql: 'project = X' } },
        pageSize: 4,
        offsetParam: 'startAt',
        limitParam: 'maxResults',
        paramsIn: 'body',
        getItems: (r) => r.data.items,
      });
      assert.deepEqual(ids(await collect(pages)), [['1', '2', '3', '4'], ['5', '6', '7']]);
      assert.deepEqual(JSON.parse(server.requests[1].body), { jql: 'project = X', startAt: 4, maxResults: 4 });
    });
  });

  describe('paginateCursor', () => {
    // Pages of three; the cursor is the id of the next item.
    const cursorApi = (cursorOf: (req: SeenRequest) => string | null): Handler => (req, res) => {
      const start = Number(cursorOf(req) ?? '1') - 1;
      const items = ITEMS.slice(start, start + 3);
      sendJson(res, 200, { items, next: start + 3 < ITEMS.length ? String(start + 4) : null });
    };

    it('follows next tokens in the query until there is none', async () => {
      await serve(cursorApi((req) => new URL(req.url, 'http://x').searchParams.get('cursor')));
      const pages = paginateCursor<Item, Body>({ transport, request: { url: '/things' }, tokenParam: 'cursor', getItems: (r) => r.data.items, getNextToken: (r) => r.data.next });
      assert.deepEqual(ids(await collect(pages)), [['1', '2', '3'], ['4', '5', '6'], ['7']]);
      assert.deepEqual(server.requests.map((r) => r.url), ['/api/things', '/api/things?cursor=4', '/api/things?cursor=7']);
    });

    it('puts the token into the JSON body when told to', async () => {
      await serve(cursorApi((req) => (JSON.parse(req.body) as { pageToken?: string }).pageToken ?? null));
      const pages = paginateCursor<Item, Body>({
        transport,
        request: { method: 'POST', url: '/query', data: { filter: 'all' } },
        tokenParam: 'pageToken',
        tokenIn: 'body',
        getItems: (r) => r.data.items,
        getNextToken: (r) => r.data.next,
      });
      assert.deepEqual(ids(await collect(pages)), [['1', '2', '3'], ['4', '5', '6'], ['7']]);
      assert.deepEqual(JSON.parse(server.requests[2].body), { filter: 'all', pageToken: '7' });
    });

    it('lets applyToken place the token anywhere, e.g. in a header', async () => {
      await serve(cursorApi((req) => (req.headers['x-continuation'] as string | undefined) ?? null));
      const pages = paginateCursor<Item, Body>({
        transport,
        request: { url: '/things' },
        applyToken: (request, token) => ({ ...request, headers: { ...request.headers, 'X-Continuation': token } }),
        getItems: (r) => r.data.items,
        getNextToken: (r) => r.data.next,
      });
      assert.deepEqual(ids(await collect(pages)), [['1', '2', '3'], ['4', '5', '6'], ['7']]);
    });

    it('fails instead of looping when the upstream hands back a token it gave before', async () => {
      await serve((_req, res) => sendJson(res, 200, { items: [ITEMS[0]], next: 'same' }));
      const pages = paginateCursor<Item, Body>({ transport, request: { url: '/things' }, tokenParam: 'cursor', getItems: (r) => r.data.items, getNextToken: (r) => r.data.next });
      await assert.rejects(collect(pages), (err: unknown) => err instanceof UpstreamError && /returned a page token it had returned before/.test(err.message));
      assert.equal(server.requests.length, 2);
    });
  });

  describe('paginateLinkHeader', () => {
    it('follows relative next links, quoted rel lists included, without re-adding the first query', async () => {
      await serve((req, res) => {
        const page = Number(new URL(req.url, 'http://x').searchParams.get('page') ?? '1');
        const links = [`<things?page=${page + 1}&per_page=3>; rel="next last"`, '</api/things?page=1>; rel="first"'];
        if (page * 3 >= ITEMS.length) links.shift();
        sendJson(res, 200, ITEMS.slice((page - 1) * 3, page * 3), { link: links.join(', ') });
      });
      const pages = paginateLinkHeader<Item, Item[]>({ transport, request: { url: '/things', params: { per_page: 3 } }, getItems: (r) => r.data });
      assert.deepEqual(ids(await collect(pages)), [['1', '2', '3'], ['4', '5', '6'], ['7']]);
      assert.deepEqual(server.requests.map((r) => r.url), ['/api/things?per_page=3', '/api/things?page=2&per_page=3', '/api/things?page=3&per_page=3']);
    });

    it('fails instead of looping when next points to a page already read', async () => {
      await serve((_req, res) => sendJson(res, 200, [ITEMS[0]], { link: '</api/things?page=1>; rel=next' }));
      const pages = paginateLinkHeader<Item, Item[]>({ transport, request: { url: '/things', params: { page: 1 } }, getItems: (r) => r.data });
      await assert.rejects(collect(pages), UpstreamError);
      assert.equal(server.requests.length, 1);
    });
  });
});
