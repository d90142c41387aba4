// The raw limit: the same CSV read, the same mapping (the hub's FieldMapper), the same rows
// written to MariaDB in multi-row batches and the same target CSV appended — without the hub (no
// mapping lookups, no upserts, no lease, no cursor, no per-page bookkeeping, no connector layer).
// `node -r register-ts sync-raw.ts <mysql url> <source.csv> <target.csv> <records> <pageSize>`.
import fs from 'node:fs';
import { randomUUID, createHash } from 'node:crypto';
import { parse } from 'csv-parse';
import { createConnection } from 'mysql2/promise';
import { FLOW_MAPPING, TARGET_MAPPING } from './bench-data';
import { FieldMapper } from '../../core/src/sync/field-mapper';

async function main(): Promise<void> {
  const [url, source, target, records, pageSizeArg] = process.argv.slice(2);
  const pageSize = Number(pageSizeArg);
  const u = new URL(url);
  const db = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: u.username, password: u.password, database: u.pathname.slice(1) });
  // The hub's own mapper, so both sides pay the same for mapping.
  const toCanonical = FieldMapper.compile(FLOW_MAPPING);
  const toTarget = FieldMapper.compile(TARGET_MAPPING);
  const started = process.hrtime.bigint();
  const out = fs.createWriteStream(target);
  out.write('id,email,name,department,score\n');
  // Like the hub, map the next page while the previous one is being written: the limit, not a naive loop.
  const map = async (page: Array<Record<string, string>>) => {
    const rows = [];
    for (const src of page) {
      const data = await toCanonical.apply(src);
      const id = randomUUID();
      rows.push({ id, src, data, hash: createHash('sha256').update(JSON.stringify(data)).digest('hex'), target: await toTarget.apply(data, { recordId: id }) });
    }
    return rows;
  };
  const write = async (rows: Awaited<ReturnType<typeof map>>) => {
    const now = new Date();
    await db.beginTransaction();
    await db.query('INSERT INTO record (id, tenant_id, entity_type, data, hash, version, created_at, updated_at) VALUES ?', [rows.map((r) => [r.id, 't', 'person', JSON.stringify(r.data), r.hash, 1, now, now])]);
    await db.query('INSERT INTO external_mapping (id, tenant_id, integration_id, external_entity, external_system_id, internal_entity_type, internal_entity_id, hash, last_synced, created_at) VALUES ?', [rows.map((r) => [randomUUID(), 't', 'src', 'file', r.src.id, 'person', r.id, r.hash, now, now])]);
    await db.query('INSERT INTO event (id, tenant_id, type, subject, payload, created_at) VALUES ?', [rows.map((r) => [randomUUID(), 't', 'record.created', r.id, JSON.stringify({ data: r.data }), now])]);
    await db.commit();
    out.write(rows.map((r) => Object.values(r.target as object).join(',')).join('\n') + '\n');
    await db.beginTransaction();
    await db.query('INSERT INTO external_mapping (id, tenant_id, integration_id, external_entity, external_system_id, internal_entity_type, internal_entity_id, hash, last_synced, created_at) VALUES ?', [rows.map((r) => [randomUUID(), 't', 'dst', 'file', r.id, 'person', r.id, r.hash, now, now])]);
    await db.commit();
  };
  let writing: Promise<void> = Promise.resolve();
  let page: Array<Record<string, string>> = [];
  const flush = async () => {
    const rows = await map(page);
    page = [];
    await writing;
    writing = write(rows);
  };
  for await (const row of fs.createReadStream(source).pipe(parse({ columns: true }))) {
    page.push(row);
    if (page.length === pageSize) await flush();
  }
  if (page.length) await flush();
  await writing;
  out.end();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await db.end();
  process.stdout.write(`${JSON.stringify({ records: Number(records), ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
