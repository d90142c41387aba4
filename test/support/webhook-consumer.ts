import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

export type ConsumerAnswer = { status: number; headers?: Record<string, string>; body?: string; delayMs?: number };

/**
 * A webhook consumer on 127.0.0.1: records every request it gets and answers what `answer`
 * says (200 by default). Stops with `close()`.
 */
export class WebhookConsumer {
  readonly received: ReceivedWebhook[] = [];
  answer: (message: ReceivedWebhook, nth: number) => ConsumerAnswer = () => ({ status: 200 });
  private server!: http.Server;
  url = '';

  static async start(): Promise<WebhookConsumer> {
    const consumer = new WebhookConsumer();
    consumer.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
        const message: ReceivedWebhook = { id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
        consumer.received.push(message);
        const answer = consumer.answer(message, consumer.received.filter((m) => m.id === message.id).length);
        setTimeout(() => res.writeHead(answer.status, answer.headers).end(answer.body ?? ''), answer.delayMs ?? 0);
      });
    });
    consumer.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => consumer.server.listen(0, '127.0.0.1', resolve));
    consumer.url = `http://127.0.0.1:${(consumer.server.address() as AddressInfo).port}/hook`;
    return consumer;
  }

  /** Distinct message ids received. */
  ids(): Set<string> {
    return new Set(this.received.map((m) => m.id));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
