// The consumer of the `webhooks` scenario: an HTTP server on 127.0.0.1 that verifies every
// message with the standardwebhooks library, answers 200 at once, and keeps per flow the first
// arrival of each message and its latency from the event's creation (the body's `timestamp`).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Arrivals {
  /** Arrival time (ms since the epoch) of each distinct message. */
  firstAt: Map<string, number>;
  /** Event creation → first arrival, ms, one per distinct message. */
  latencies: number[];
  /** Creation time of the earliest event that arrived. */
  firstCreatedAt: number;
  duplicates: number;
}

export class WebhookSink {
  private readonly flows = new Map<string, Arrivals>();
  private verifier?: Webhook;
  /** Messages whose signature did not verify. */
  rejected = 0;
  url = '';

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<WebhookSink> {
    const server = http.createServer();
    const sink = new WebhookSink(server);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const arrivedAt = Date.now();
        sink.record(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>, arrivedAt);
        res.writeHead(200).end();
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    return sink;
  }

  /** The secret deliveries are signed with; until it is known nothing verifies. */
  trust(secret: string): void {
    this.verifier = new Webhook(secret);
  }

  arrivals(flow: string): Arrivals {
    let a = this.flows.get(flow);
    if (!a) this.flows.set(flow, (a = { firstAt: new Map(), latencies: [], firstCreatedAt: Infinity, duplicates: 0 }));
    return a;
  }

  private record(body: string, headers: Record<string, string>, arrivedAt: number): void {
    let payload: { timestamp: string; data: { flow: string } };
    try {
      payload = this.verifier!.verify(body, headers) as typeof payload;
    } catch {
      this.rejected++;
      return;
    }
    const a = this.arrivals(payload.data.flow);
    const id = headers['webhook-id'];
    if (a.firstAt.has(id)) {
      a.duplicates++;
      return;
    }
    const createdAt = Date.parse(payload.timestamp);
    a.firstAt.set(id, arrivedAt);
    a.latencies.push(arrivedAt - createdAt);
    a.firstCreatedAt = Math.min(a.firstCreatedAt, createdAt);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
