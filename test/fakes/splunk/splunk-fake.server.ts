import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { EventStore } from './event-store';
import { exportSearch } from './export.endpoint';
import type { FakeAnswer } from './fake-answer';
import { HecEndpoint } from './hec.endpoint';
import { hecAnswer } from './hec-codes';
import type { ReceivedEvent, RecordedRequest, SplunkFake, SplunkFakeOptions, SplunkFaults } from './splunk-fake.types';

export const DEFAULT_HEC_TOKEN = '00000000-1111-2222-3333-444444444444';
export const DEFAULT_API_TOKEN = 'eyJraWQiOiJzcGx1bmsuc2VjcmV0In0.fake-api-token';

const EXPORT_PATH = /^\/services(NS\/[^/]+\/[^/]+)?\/search\/(v2\/)?jobs\/export$/;

/**
 * Starts a fake Splunk on 127.0.0.1 and a free port: HEC (events, acks, health) and the search
 * export endpoint, speaking Splunk's wire format, with failures on demand (`faults`).
 */
export async function startSplunkFake(options: SplunkFakeOptions = {}): Promise<SplunkFake> {
  const store = new EventStore();
  for (const event of options.events ?? []) store.add(event);
  const events: ReceivedEvent[] = [];
  const requests: RecordedRequest[] = [];
  const faults: SplunkFaults = { hecErrors: [], serverErrors: 0, unhealthy: false, malformedEvents: [], delayMs: 0 };
  const indexes = options.indexes ?? ['main'];
  const hec = new HecEndpoint({ tokens: options.hecTokens ?? { [DEFAULT_HEC_TOKEN]: {} }, indexes, store, received: events, faults, ackDelayMs: options.ackDelayMs ?? 0 });
  const search = { store, savedSearches: options.savedSearches ?? {}, apiTokens: options.apiTokens ?? [DEFAULT_API_TOKEN], users: options.users ?? { admin: 'changeme' }, faults };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const recorded = await record(req);
    requests.push(recorded);
    if (faults.delayMs > 0) await delay(faults.delayMs);
    if (faults.serverErrors > 0) {
      faults.serverErrors -= 1;
      return send(res, recorded.path.startsWith('/services/collector') ? hecAnswer(8) : { status: 500, body: { messages: [{ type: 'ERROR', text: 'Internal server error' }] } });
    }
    const { method, path } = recorded;
    if (method === 'GET' && /^\/services\/collector\/health(\/1\.0)?$/.test(path)) return send(res, hec.health());
    if (method === 'POST' && /^\/services\/collector(\/event(\/1\.0)?)?$/.test(path)) return send(res, hec.event(recorded));
    if (method === 'POST' && path === '/services/collector/ack') return send(res, hec.ack(recorded));
    if ((method === 'POST' || method === 'GET') && EXPORT_PATH.test(path)) return exportSearch(search, recorded, res);
    send(res, { status: 404, body: { messages: [{ type: 'ERROR', text: `Not Found: ${method} ${path}` }] } });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, { status: 500, body: { messages: [{ type: 'FATAL', text: String(err) }] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    requests,
    faults,
    seed: (more) => more.forEach((event) => store.add(event)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections of the client under test would hold `close` open otherwise.
        server.closeAllConnections();
      }),
  };
}

async function record(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://fake');
  return { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
}

function send(res: ServerResponse, answer: FakeAnswer): void {
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=UTF-8', ...answer.headers });
  res.end(JSON.stringify(answer.body));
}
