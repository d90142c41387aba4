import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeItem {
  id: string;
  updated_at: string;
  external_id?: string | null;
  [field: string]: unknown;
}

/**
 * A small stand-in for the items API: bearer-key auth, `updated_since` (inclusive) and page-token
 * pagination in update order, `external_id` lookups, and failures on demand.
 */
export class FakeItemsApi {
  readonly items = new Map<string, FakeItem>();
  readonly requests: string[] = [];
  /** Answers the next requests with these statuses (and headers) instead of serving them. */
  readonly failures: Array<{ status: number; headers?: Record<string, string> }> = [];
  private server?: Server;
  private clock = Date.parse('2026-01-01T00:00:00Z');
  private nextId = 1;

  constructor(readonly apiKey = 'secret-key') {}

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Stores an item as if changed now; each change gets a later timestamp. */
  put(fields: Record<string, unknown> & { id?: string }): FakeItem {
    const id = fields.id ?? `item-${this.nextId++}`;
    const item = { ...this.items.get(id), ...fields, id, updated_at: new Date((this.clock += 1000)).toISOString() } as FakeItem;
    this.items.set(id, item);
    return item;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url!, 'http://fake');
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const failure = this.failures.shift();
    if (failure) return send(res, failure.status, { error: 'failure on demand' }, failure.headers);
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return send(res, 401, { error: 'invalid api key' });

    const body = await readJson(req);
    const itemPath = url.pathname.match(/^\/v1\/items\/([^/]+)$/);
    if (req.method === 'GET' && url.pathname === '/v1/items') return send(res, 200, this.page(url.searchParams));
    if (req.method === 'POST' && url.pathname === '/v1/items') return send(res, 201, this.put({ ...body, id: undefined }));
    if (itemPath && req.method === 'GET') return this.items.has(itemPath[1]) ? send(res, 200, this.items.get(itemPath[1])) : send(res, 404, { error: 'not found' });
    if (itemPath && req.method === 'PATCH') return this.items.has(itemPath[1]) ? send(res, 200, this.put({ ...body, id: itemPath[1] })) : send(res, 404, { error: 'not found' });
    send(res, 404, { error: 'no such route' });
  }

  private page(query: URLSearchParams): { items: FakeItem[]; next_page_token: string | null } {
    const since = query.get('updated_since');
    const externalId = query.get('external_id');
    const limit = Number(query.get('limit') ?? 100);
    const offset = Number(query.get('page_token') ?? 0);
    const matching = [...this.items.values()]
      .filter((i) => (since === null || i.updated_at >= since) && (externalId === null || i.external_id === externalId))
      .sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id.localeCompare(b.id));
    const items = matching.slice(offset, offset + limit);
    return { items, next_page_token: offset + limit < matching.length ? String(offset + limit) : null };
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}
