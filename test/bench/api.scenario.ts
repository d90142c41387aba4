// Scenario `api`: autocannon against an authenticated `GET /api/v1/records?limit=50` of a hub
// node, then the same load against a bare moleculer-web route on the same machine (one alias, a
// trivial action returning the same JSON: no auth, no rate limit, no database) — the stack's limit.
// Each server runs in its own child process (api-hub.ts, api-bare.ts); autocannon runs here, so
// the load generator and the server never share an event loop. Loopback only, bounded, stops by itself.
// Options: --duration S (15) measured after --warmup S (3) on the same connections, per target;
// --connections N (1000); --api-records N seeded records (1000); --database mysql://user:pass@host:port (default: the
// embedded SQLite; a MariaDB/MySQL server gets a fresh database, dropped afterwards).
// Targets: hub p95 < 100 ms, hub throughput ≥ 0.5× the bare route.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { FLOW_MAPPING, TARGET_MAPPING, writeSourceCsv } from './bench-data';
import { arg, freshDatabase, hasArg, here, register, writeSummary } from './bench-common';
import type { ChildMessage, ParentMessage } from './api-ipc';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonResult {
  errors: number;
  timeouts: number;
}
/** An autocannon connection, as handed to `setupClient`. */
interface AutocannonClient {
  on(event: 'request' | 'timeout', listener: () => void): void;
  on(event: 'response', listener: (statusCode: number, resBytes: number, responseTimeMs: number) => void): void;
}
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, result: AutocannonResult) => void) => unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

/** Budgets far above what one machine can send, so the limiter counts every request but refuses none. */
const BENCH_RATE_LIMIT = { perKey: { points: 10_000_000, windowSeconds: 60 }, perTenant: { points: 10_000_000, windowSeconds: 60 } };
const PAGE = 50;
const PATH = `/api/v1/records?limit=${PAGE}`;
/** autocannon's per-request timeout: a request unanswered this long is abandoned and its connection reopened. */
const REQUEST_TIMEOUT_S = 10;
const START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 60_000;

interface Percentiles { p50: number; p95: number; p99: number; max: number }

interface Load extends Percentiles {
  /** Answers received in the measured window, per second. */
  requestsPerSecond: number;
  /** Answers received in the measured window. */
  requests: number;
  seconds: number;
  /**
   * Requests without an answer when abandoned at the timeout, or still waiting when the run ended
   * (with pipelining 1, one per connection); they enter the latencies above at the time they had
   * waited so far (a lower bound).
   */
  timedOut: number;
  waitingAtEnd: number;
  /** The same percentiles over answered requests only: what autocannon itself would print. */
  answeredOnly: Percentiles;
  /** Connections that got at least one answer in the measured window. */
  connectionsServed: number;
  /** Answers that were not 2xx, over the whole run (warm-up included), by status code. */
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Socket errors and timeouts over the whole run (autocannon's count). */
  errors: number;
  timeouts: number;
}

/** A server process of this scenario, forked with an IPC channel. */
class Server {
  private constructor(private readonly child: ChildProcess, readonly url: string, readonly key: string | undefined) {}

  static async start(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<Server> {
    const child = fork(path.join(here, script), args, { execArgv: ['-r', register], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${script} did not start within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      child.on('message', (m: ChildMessage) => m.type === 'ready' && (clearTimeout(timer), resolve(m)));
      child.on('exit', (code) => (clearTimeout(timer), reject(new Error(`${script} exited with code ${code} before it was ready`))));
    }).catch((err) => {
      child.kill('SIGKILL');
      throw err;
    });
    return new Server(child, ready.url, ready.key);
  }

  /** Stops the server and returns its peak RSS (MB); kills it if it does not stop in time. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || !this.child.connected) return null;
    const stopped = new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (this.child.kill('SIGKILL'), resolve(null)), STOP_TIMEOUT_MS);
      this.child.on('message', (m: ChildMessage) => m.type === 'stopped' && (clearTimeout(timer), resolve(m.maxRssMb)));
      this.child.on('exit', () => (clearTimeout(timer), resolve(null)));
    });
    this.child.send({ type: 'stop' } satisfies ParentMessage);
    return stopped;
  }
}

/** A growable list of latencies (ms). */
class Samples {
  private values = new Float64Array(1 << 16);
  length = 0;
  push(ms: number): void {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = ms;
  }
  percentiles(): Percentiles {
    const sorted = this.values.slice(0, this.length).sort();
    const at = (p: number) => (sorted.length === 0 ? NaN : Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10);
    return { p50: at(50), p95: at(95), p99: at(99), max: at(100) };
  }
}

/**
 * One autocannon run of `warmup + seconds` on the same connections; only the last `seconds`
 * count. (Separate warm-up and measured runs would close the warm-up's connections with their
 * requests still queued in the server, and open the measured run's 1,000 new connections into a
 * server busy with those.) autocannon's own latencies cover answered requests only, so a server
 * that leaves some connections waiting looks fast; here a request still unanswered when the run
 * ends, or abandoned at the timeout, counts with the time it had waited.
 */
async function load(url: string, key: string | undefined, connections: number, seconds: number, warmup: number): Promise<Load> {
  const all = new Samples();
  const answered = new Samples();
  const waitingSince = new Map<AutocannonClient, number>();
  const served = new Set<AutocannonClient>();
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let timedOut = 0;
  let requests = 0;
  const started = performance.now();
  const from = started + warmup * 1000;
  const setupClient = (client: AutocannonClient) => {
    client.on('request', () => waitingSince.set(client, performance.now()));
    client.on('response', (statusCode, _bytes, ms) => {
      waitingSince.delete(client);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode < 200 || statusCode > 299) non2xx++;
      if (performance.now() < from) return;
      requests++;
      served.add(client);
      all.push(ms);
      answered.push(ms);
    });
    client.on('timeout', () => {
      waitingSince.delete(client);
      if (performance.now() < from) return;
      timedOut++;
      all.push(REQUEST_TIMEOUT_S * 1000);
    });
  };
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    autocannon({ url, connections, duration: warmup + seconds, pipelining: 1, timeout: REQUEST_TIMEOUT_S, headers: key ? { authorization: `Bearer ${key}` } : {}, setupClient }, (err, r) => (err ? reject(err) : resolve(r)));
  });
  const ended = performance.now();
  for (const since of waitingSince.values()) all.push(ended - since);
  const window = (ended - from) / 1000;
  return {
    requestsPerSecond: Math.round(requests / window),
    requests,
    seconds: Math.round(window * 100) / 100,
    ...all.percentiles(),
    timedOut,
    waitingAtEnd: waitingSince.size,
    answeredOnly: answered.percentiles(),
    connectionsServed: served.size,
    non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function measure(name: string, url: string, key: string | undefined, connections: number, seconds: number, warmup: number): Promise<Load> {
  process.stdout.write(`${name}: ${connections} connections, ${warmup} s warm-up + ${seconds} s measured…\n`);
  return load(url, key, connections, seconds, warmup);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

export async function apiScenario(): Promise<void> {
  const seconds = Number(arg('duration', '15'));
  const warmup = Number(arg('warmup', '3'));
  const connections = Number(arg('connections', '1000'));
  const records = Number(arg('api-records', '1000'));
  // The embedded SQLite unless a server is named; IHUB_BENCH_DATABASE is the sync scenario's default, not this one's.
  const server = hasArg('database') ? new URL(arg('database', '')) : null;
  for (const [name, v] of Object.entries({ duration: seconds, warmup, connections, 'api-records': records })) {
    if (!Number.isInteger(v) || v < (name === 'warmup' ? 0 : 1)) throw new Error(`--${name} must be a whole number, got ${v}`);
  }
  if (records < PAGE) throw new Error(`--api-records must be at least ${PAGE}, so that a page is full`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihub-bench-api-'));
  const db = server ? await freshDatabase(server) : null;
  const servers: Server[] = [];
  try {
    fs.mkdirSync(path.join(dir, 'config/integrations'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'files'));
    fs.writeFileSync(path.join(dir, 'config/hub.yaml'), stringify({
      hub: {
        ...(db ? { database: db.url } : {}),
        scheduler: { enabled: false },
        plugins: { paths: [path.resolve(here, '../../connectors/csv')] },
        api: { port: 0, host: '127.0.0.1', rateLimit: BENCH_RATE_LIMIT },
      },
    }));
    fs.writeFileSync(path.join(dir, 'config/integrations/bench.yaml'), stringify({
      integrations: [
        { name: 'src', connector: 'csv', settings: { folder: path.join(dir, 'files'), file: 'source.csv', key: 'id' } },
        { name: 'dst', connector: 'csv', settings: { folder: path.join(dir, 'files'), file: 'target.csv', key: 'id' } },
      ],
      flows: [{ name: 'seed', entity: 'person', source: { integration: 'src', entity: 'file' }, mapping: FLOW_MAPPING, targets: [{ integration: 'dst', entity: 'file', mapping: TARGET_MAPPING }] }],
    }));
    await writeSourceCsv(path.join(dir, 'files/source.csv'), records);
    // hub.yaml decides: no environment override of the database, transporter or listen address.
    const env = { ...process.env, IHUB_DATABASE: '', IHUB_TRANSPORTER: '', IHUB_API_PORT: '', IHUB_API_HOST: '', IHUB_JWT_SECRET: randomBytes(16).toString('hex') };

    const database = db ? `mysql ${server!.host}` : 'sqlite (embedded default)';
    process.stdout.write(`api scenario: GET ${PATH} (${records} records seeded), ${connections} connections, ${seconds} s per target after ${warmup} s warm-up, database ${database}, ${os.cpus().length} cores\n`);
    process.stdout.write(`hub rate limit raised for the bench: hub.api.rateLimit perKey and perTenant ${BENCH_RATE_LIMIT.perKey.points} points per ${BENCH_RATE_LIMIT.perKey.windowSeconds} s (default 600 and 3000) — the limiter still counts every request, but would otherwise (correctly) refuse this load with 429\n`);

    const hub = await Server.start('api-hub.ts', [path.join(dir, 'config/hub.yaml'), String(records)], env);
    servers.push(hub);
    const probe = await fetch(`${hub.url}${PATH}`, { headers: { authorization: `Bearer ${hub.key}` } });
    const bodyText = await probe.text();
    if (probe.status !== 200) throw new Error(`GET ${PATH} answered ${probe.status}: ${bodyText}`);
    const body = JSON.parse(bodyText) as { data: unknown[] };
    if (body.data.length !== PAGE) throw new Error(`GET ${PATH} returned ${body.data.length} records, expected a full page of ${PAGE}`);
    if (probe.headers.get('ratelimit-limit') !== String(BENCH_RATE_LIMIT.perKey.points)) throw new Error(`the raised rate limit is not in effect: RateLimit-Limit ${probe.headers.get('ratelimit-limit')}`);
    const responseBytes = Buffer.byteLength(bodyText);
    process.stdout.write(`response: ${PAGE} records, ${(responseBytes / 1024).toFixed(1)} kB of JSON (the bare route returns the same body)\n\n`);
    fs.writeFileSync(path.join(dir, 'body.json'), bodyText);

    const hubLoad = await measure('hub', `${hub.url}${PATH}`, hub.key, connections, seconds, warmup);
    const hubRssMb = await hub.stop();
    servers.pop();

    const bare = await Server.start('api-bare.ts', [path.join(dir, 'body.json')], env);
    servers.push(bare);
    const check = await fetch(`${bare.url}${PATH}`);
    const checkText = await check.text();
    if (check.status !== 200 || Buffer.byteLength(checkText) !== responseBytes) throw new Error(`bare route answered ${check.status} with ${Buffer.byteLength(checkText)} bytes, expected 200 with ${responseBytes}`);
    const bareLoad = await measure('bare moleculer-web', `${bare.url}${PATH}`, undefined, connections, seconds, warmup);
    const bareRssMb = await bare.stop();
    servers.pop();

    const ms = (v: number) => v.toFixed(1);
    const row = (name: string, l: Load) => [name, String(l.requestsPerSecond), ms(l.p50), ms(l.p95), ms(l.p99), String(l.non2xx), String(l.errors), `${l.connectionsServed}/${connections}`];
    process.stdout.write(`\n${table([['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors', 'conns served'], row('hub', hubLoad), row('bare moleculer-web', bareLoad)])}\n`);
    process.stdout.write(`latencies: every request of the measured window, those left unanswered (timeout ${REQUEST_TIMEOUT_S} s, or still waiting at the end) at the time they had waited; conns served: connections answered at least once in the window; answered only (autocannon's view): hub p95 ${ms(hubLoad.answeredOnly.p95)} ms, bare p95 ${ms(bareLoad.answeredOnly.p95)} ms\n`);
    const ratio = Number((hubLoad.requestsPerSecond / bareLoad.requestsPerSecond).toFixed(2));
    const targets = { hubP95Under100Ms: hubLoad.p95 < 100, ratioAtLeastHalf: ratio >= 0.5 };
    // A valid run is one where every answer was a 2xx: anything else means the numbers measure refusals.
    const problems = [
      ...(hubLoad.non2xx > 0 ? [`the hub answered ${hubLoad.non2xx} non-2xx responses (${JSON.stringify(hubLoad.statusCodes)})`] : []),
      ...(bareLoad.non2xx > 0 ? [`the bare route answered ${bareLoad.non2xx} non-2xx responses (${JSON.stringify(bareLoad.statusCodes)})`] : []),
    ];
    const summary = {
      scenario: 'api', path: PATH, records, responseBytes, connections, durationSeconds: seconds, warmupSeconds: warmup, requestTimeoutSeconds: REQUEST_TIMEOUT_S,
      database: db ? 'mysql' : 'sqlite', cores: os.cpus().length, rateLimit: BENCH_RATE_LIMIT,
      hub: { ...hubLoad, peakRssMb: hubRssMb === null ? null : Math.round(hubRssMb) },
      bare: { ...bareLoad, peakRssMb: bareRssMb === null ? null : Math.round(bareRssMb) },
      hubRequestsPerSecond: hubLoad.requestsPerSecond, bareRequestsPerSecond: bareLoad.requestsPerSecond, ratio, hubP95Ms: hubLoad.p95,
      targets, valid: problems.length === 0, problems,
    };
    process.stdout.write(`\napi: hub ${hubLoad.requestsPerSecond} req/s, bare ${bareLoad.requestsPerSecond} req/s, ratio ${ratio}; hub p95 ${ms(hubLoad.p95)} ms\n`);
    process.stdout.write(`targets: hub p95 < 100 ms ${targets.hubP95Under100Ms ? 'met' : 'MISSED'}, ratio ≥ 0.5 ${targets.ratioAtLeastHalf ? 'met' : 'MISSED'}; hub peak RSS ${summary.hub.peakRssMb ?? '?'} MB (bare ${summary.bare.peakRssMb ?? '?'} MB)\n`);
    writeSummary('api', summary);
    if (problems.length > 0) throw new Error(`invalid api bench run: ${problems.join('; ')}`);
  } finally {
    for (const s of servers) await s.stop();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
