// Scenario `sync`: N people from a CSV source through the hub into a CSV target on MariaDB/MySQL,
// reporting records/s and peak RSS, next to a raw baseline doing the same reads and the same rows
// written in batches. The hub also runs on N/10 records to show whether memory grows with N.
// Options: --records N (100000), --page-size N (1000), --database mysql://user:pass@host:port
// (IHUB_BENCH_DATABASE, else mysql://root@127.0.0.1:3306).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { stringify } from 'yaml';
import { openStore } from '../../core/src/store/data-source';
import { FLOW_MAPPING, TARGET_MAPPING, writeSourceCsv } from './bench-data';
import { arg, freshDatabase, here, register, writeSummary } from './bench-common';

interface Measured { records: number; ms: number; maxRssMb: number }

function child(script: string, args: string[]): Measured {
  const out = execFileSync(process.execPath, ['-r', register, path.join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

export async function syncScenario(): Promise<void> {
  const records = Number(arg('records', '100000'));
  const pageSize = Number(arg('page-size', '1000'));
  const server = new URL(arg('database', process.env.IHUB_BENCH_DATABASE ?? 'mysql://root@127.0.0.1:3306'));

  async function hubRun(n: number): Promise<Measured> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihub-bench-'));
    const db = await freshDatabase(server);
    try {
      fs.mkdirSync(path.join(dir, 'config/integrations'), { recursive: true });
      fs.mkdirSync(path.join(dir, 'files'));
      fs.writeFileSync(path.join(dir, 'config/hub.yaml'), stringify({ hub: { database: db.url, scheduler: { enabled: false }, plugins: { paths: [path.resolve(here, '../../connectors/csv')] } } }));
      fs.writeFileSync(path.join(dir, 'config/integrations/bench.yaml'), stringify({
        integrations: [
          { name: 'src', connector: 'csv', settings: { folder: path.join(dir, 'files'), file: 'source.csv', key: 'id' } },
          { name: 'dst', connector: 'csv', settings: { folder: path.join(dir, 'files'), file: 'target.csv', key: 'id' } },
        ],
        flows: [{ name: 'bench', entity: 'person', source: { integration: 'src', entity: 'file' }, mapping: FLOW_MAPPING, targets: [{ integration: 'dst', entity: 'file', mapping: TARGET_MAPPING }], pageSize }],
      }));
      await writeSourceCsv(path.join(dir, 'files/source.csv'), n);
      return child('sync-hub.ts', [path.join(dir, 'config/hub.yaml'), String(n)]);
    } finally {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  async function rawRun(n: number): Promise<Measured> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihub-bench-raw-'));
    const db = await freshDatabase(server);
    try {
      const store = await openStore({ url: db.url });
      await store.destroy();
      await writeSourceCsv(path.join(dir, 'source.csv'), n);
      return child('sync-raw.ts', [db.url, path.join(dir, 'source.csv'), path.join(dir, 'target.csv'), String(n), String(pageSize)]);
    } finally {
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const rate = (m: Measured) => Math.round((m.records / m.ms) * 1000);
  process.stdout.write(`sync scenario: ${records} records, page size ${pageSize}, database ${server.host}, ${os.cpus().length} cores\n`);
  const small = await hubRun(Math.max(1, Math.floor(records / 10)));
  const hub = await hubRun(records);
  const raw = await rawRun(records);
  const rows = [
    ['hub', small.records, rate(small), small.maxRssMb.toFixed(0)],
    ['hub', hub.records, rate(hub), hub.maxRssMb.toFixed(0)],
    ['raw baseline', raw.records, rate(raw), raw.maxRssMb.toFixed(0)],
  ];
  process.stdout.write(`\n${['run', 'records', 'records/s', 'peak RSS MB'].join('\t')}\n${rows.map((r) => r.join('\t')).join('\n')}\n`);
  const summary = {
    scenario: 'sync', records, pageSize,
    hubRecordsPerSecond: rate(hub), rawRecordsPerSecond: rate(raw), ratio: Number((rate(hub) / rate(raw)).toFixed(2)),
    peakRssMb: { [small.records]: Math.round(small.maxRssMb), [hub.records]: Math.round(hub.maxRssMb) },
  };
  process.stdout.write(`\nhub ${summary.hubRecordsPerSecond} records/s, raw ${summary.rawRecordsPerSecond} records/s, ratio ${summary.ratio}; peak RSS ${Math.round(small.maxRssMb)} MB at ${small.records} → ${Math.round(hub.maxRssMb)} MB at ${hub.records}\n`);
  writeSummary('sync', summary);
}
