import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  idempotencyKey?: string;
  at: number;
  answered: number;
}

/**
 * A loopback HTTP proxy in front of the hub that records every request and, when armed, answers
 * the next matching one itself with 429 and `Retry-After: 1` — the hub's own limiter needs
 * hundreds of calls to do that.
 */
export class FaultProxy {
  readonly seen: SeenRequest[] = [];
  private armed?: { method: string; path: string };

  private constructor(private readonly server: http.Server, private readonly target: URL) {}

  static async start(targetUrl: string): Promise<FaultProxy> {
    const target = new URL(targetUrl);
    const server = http.createServer();
    const proxy = new FaultProxy(server, target);
    server.on('request', (req, res) => proxy.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next request with this method and path (query ignored) gets a 429. */
  failOnce(method: string, path: string): void {
    this.armed = { method, path };
  }

  reset(): void {
    this.seen.length = 0;
    this.armed = undefined;
  }

  requests(method: string, path: string): SeenRequest[] {
    return this.seen.filter((r) => r.method === method && r.url.split('?')[0] === path);
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const key = req.headers['idempotency-key'];
    const entry: SeenRequest = { method: req.method ?? '', url: req.url ?? '', ...(typeof key === 'string' ? { idempotencyKey: key } : {}), at: Date.now(), answered: 0 };
    this.seen.push(entry);
    const armed = this.armed;
    if (armed && armed.method === req.method && armed.path === (req.url ?? '').split('?')[0]) {
      this.armed = undefined;
      entry.answered = 429;
      req.resume();
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: { code: 'IHUB_RATE_LIMITED', message: 'injected by the test proxy', details: [] } }));
      return;
    }
    const upstream = http.request({ host: this.target.hostname, port: this.target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      entry.answered = answer.statusCode ?? 0;
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', (err) => res.writeHead(502).end(String(err)));
    req.pipe(upstream);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
