// Scenario `webhooks`: events produced by syncs of CSV flows, delivered by a hub node (its own
// process, webhooks-hub.ts) to a consumer on 127.0.0.1 (webhook-sink.ts, in this process) that
// verifies every message with the standardwebhooks library. Two phases:
//   steady: --rate people a second (500) for --duration seconds (10), each 50 ms tick pushed through
//           the `steady` flow as one sync run (as a source's inbound webhook does);
//   burst:  one full sync of a CSV of --burst people (20000) through the `burst` flow.
// Reports deliveries/s (distinct messages over first to last arrival) and the latency from each
// event's creation (its `event.created_at`, the body's `timestamp`) to its first arrival.
// The node runs with the default `hub.webhooks` settings; the subscription's maxConcurrency is
// --concurrency (default: hub.webhooks.maxConcurrency's default, 10).
// Options: --database mysql://user:pass@host:port (default: the embedded SQLite; a server gets a
// fresh database, dropped afterwards). Targets: ≥ 2,000 deliveries/s in the burst, p99 < 1 s steady.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { FLOW_MAPPING, TARGET_MAPPING, writeSourceCsv } from './bench-data';
import { arg, freshDatabase, hasArg, here, register, writeSummary } from './bench-common';
import { WebhookSink } from './webhook-sink';
import type { ChildMessage, ParentMessage } from './webhooks-ipc';

const START_TIMEOUT_MS = 120_000;
/** A phase whose events have not all arrived this long after the last was produced has failed. */
const DRAIN_TIMEOUT_MS = 120_000;

interface Phase {
  events: number;
  producedPerSecond: number;
  deliveriesPerSecond: number;
  /** First event created → last message arrived. */
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  duplicates: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The hub node's process and its answers. */
class HubProcess {
  private readonly waiting: Array<(m: ChildMessage) => void> = [];

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (m: ChildMessage) => this.waiting.shift()?.(m));
  }

  static start(configFile: string, sinkUrl: string, concurrency: number, env: NodeJS.ProcessEnv): HubProcess {
    return new HubProcess(fork(path.join(here, 'webhooks-hub.ts'), [configFile, sinkUrl, String(concurrency)], { execArgv: ['-r', register], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  /** The next message of type `type`; fails if the process exits or is silent for `timeoutMs`. */
  next<T extends ChildMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve, reject) => {
      const settle = (error: Error | null, m?: ChildMessage) => {
        clearTimeout(timer);
        this.child.off('exit', exited);
        const i = this.waiting.indexOf(take);
        if (i >= 0) this.waiting.splice(i, 1);
        if (error) reject(error);
        else if (m!.type === type) resolve(m as Extract<ChildMessage, { type: T }>);
        else reject(new Error(`the hub process answered '${m!.type}', expected '${type}'`));
      };
      const take = (m: ChildMessage) => settle(null, m);
      const exited = (code: number | null) => settle(new Error(`the hub process exited with code ${code} while waiting for '${type}'`));
      const timer = setTimeout(() => settle(new Error(`the hub process did not answer '${type}' within ${timeoutMs / 1000} s`)), timeoutMs);
      this.child.once('exit', exited);
      this.waiting.push(take);
    });
  }

  send(message: ParentMessage): void {
    this.child.send(message);
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || !this.child.connected) return null;
    const stopped = this.next('stopped', 60_000).then((m) => m.maxRssMb).catch(() => (this.child.kill('SIGKILL'), null));
    this.send({ type: 'stop' });
    return stopped;
  }
}

/** Runs one production phase and waits until the sink has every event it produced. */
async function phase(hub: HubProcess, sink: WebhookSink, flow: string, start: ParentMessage): Promise<Phase> {
  hub.send(start);
  const { events, seconds: producing } = await hub.next('produced', 600_000);
  const arrivals = sink.arrivals(flow);
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (arrivals.firstAt.size < events) {
    if (Date.now() > deadline) throw new Error(`${flow}: ${arrivals.firstAt.size} of ${events} events had arrived ${DRAIN_TIMEOUT_MS / 1000} s after the last was produced`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const times = [...arrivals.firstAt.values()];
  const [first, last] = [Math.min(...times), Math.max(...times)];
  const latencies = [...arrivals.latencies].sort((a, b) => a - b);
  return {
    events,
    producedPerSecond: Math.round(events / producing),
    deliveriesPerSecond: Math.round(events / Math.max(0.001, (last - first) / 1000)),
    seconds: Math.round((last - arrivals.firstCreatedAt) / 10) / 100,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    duplicates: arrivals.duplicates,
  };
}

export async function webhooksScenario(): Promise<void> {
  const rate = Number(arg('rate', '500'));
  const duration = Number(arg('duration', '10'));
  const burstEvents = Number(arg('burst', '20000'));
  const concurrency = Number(arg('concurrency', '10'));
  for (const [name, v] of Object.entries({ rate, duration, burst: burstEvents, concurrency })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a whole number ≥ 1, got ${v}`);
  }
  // The embedded SQLite unless a server is named, as in the api scenario.
  const server = hasArg('database') ? new URL(arg('database', '')) : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihub-bench-webhooks-'));
  const db = server ? await freshDatabase(server) : null;
  const sink = await WebhookSink.start();
  let hub: HubProcess | undefined;
  try {
    const files = path.join(dir, 'files');
    fs.mkdirSync(path.join(dir, 'config/integrations'), { recursive: true });
    fs.mkdirSync(files);
    fs.writeFileSync(path.join(dir, 'config/hub.yaml'), stringify({
      hub: { ...(db ? { database: db.url } : {}), scheduler: { enabled: false }, api: { enabled: false }, plugins: { paths: [path.resolve(here, '../../connectors/csv')] } },
      tenants: [{ code: 'default', webhooks: { allowPrivateTargets: ['127.0.0.1'] } }],
    }));
    const csv = (name: string, file: string) => ({ name, connector: 'csv', settings: { folder: files, file, key: 'id' } });
    const flow = (name: string, source: string, target: string) => ({ name, entity: 'person', source: { integration: source, entity: 'file' }, mapping: FLOW_MAPPING, targets: [{ integration: target, entity: 'file', mapping: TARGET_MAPPING }] });
    fs.writeFileSync(path.join(dir, 'config/integrations/bench.yaml'), stringify({
      integrations: [csv('pushed', 'pushed.csv'), csv('pushed-copy', 'pushed-copy.csv'), csv('source', 'source.csv'), csv('copy', 'copy.csv')],
      flows: [flow('steady', 'pushed', 'pushed-copy'), flow('burst', 'source', 'copy')],
    }));
    await writeSourceCsv(path.join(files, 'source.csv'), burstEvents);
    // hub.yaml decides: no environment override of the database or transporter.
    const env = { ...process.env, IHUB_DATABASE: '', IHUB_TRANSPORTER: '', IHUB_SECRET_KEY: randomBytes(32).toString('base64') };

    const database = db ? `mysql ${server!.host}` : 'sqlite (embedded default)';
    process.stdout.write(`webhooks scenario: steady ${rate} events/s for ${duration} s, then a burst of ${burstEvents}; subscription maxConcurrency ${concurrency}, default hub.webhooks settings, database ${database}, ${os.cpus().length} cores\n`);
    hub = HubProcess.start(path.join(dir, 'config/hub.yaml'), sink.url, concurrency, env);
    sink.trust((await hub.next('ready', START_TIMEOUT_MS)).secret);

    const steady = await phase(hub, sink, 'steady', { type: 'steady', rate, seconds: duration });
    const burst = await phase(hub, sink, 'burst', { type: 'burst' });
    const rssMb = await hub.stop();
    hub = undefined;

    const row = (name: string, p: Phase) => [name, p.events, p.producedPerSecond, p.deliveriesPerSecond, p.p50, p.p99, p.max, p.seconds, p.duplicates].map(String);
    const rows = [['phase', 'events', 'produced/s', 'deliveries/s', 'p50 ms', 'p99 ms', 'max ms', 'seconds', 'duplicates'], row('steady', steady), row('burst', burst)];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    process.stdout.write(`\n${rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n')}\n`);
    process.stdout.write('latency: event created (its row\'s created_at) → first arrival at the consumer; deliveries/s: distinct messages over first to last arrival; seconds: first event created → last arrival\n');
    const targets = { burstAtLeast2000PerSecond: burst.deliveriesPerSecond >= 2000, steadyP99Under1s: steady.p99 < 1000 };
    const summary = { scenario: 'webhooks', database: db ? 'mysql' : 'sqlite', cores: os.cpus().length, rate, durationSeconds: duration, burstEvents, concurrency, steady, burst, hubPeakRssMb: rssMb === null ? null : Math.round(rssMb), rejectedSignatures: sink.rejected, targets };
    process.stdout.write(`\nwebhooks: burst ${burst.deliveriesPerSecond} deliveries/s (p99 ${burst.p99} ms), steady ${steady.deliveriesPerSecond}/s p50 ${steady.p50} ms p99 ${steady.p99} ms; hub peak RSS ${summary.hubPeakRssMb ?? '?'} MB\n`);
    process.stdout.write(`targets: ≥ 2,000 deliveries/s ${targets.burstAtLeast2000PerSecond ? 'met' : 'MISSED'}, p99 < 1 s at ${rate}/s ${targets.steadyP99Under1s ? 'met' : 'MISSED'}\n`);
    writeSummary('webhooks', summary);
    if (sink.rejected > 0) throw new Error(`${sink.rejected} messages failed signature verification`);
  } finally {
    await hub?.stop();
    await sink.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
