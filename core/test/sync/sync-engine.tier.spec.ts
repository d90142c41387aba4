import assert from 'node:assert/strict';
import { IsNull } from 'typeorm';
import fs from 'node:fs';
import { CanonicalRecord, ExternalMapping, OutboxEvent, SyncFailure, SyncLog, SyncState } from '../../src/store/entities';
import { HubRuntime } from '../../src/runtime/hub-runtime';
import { csvIntegration, readCsv, TestProject, writeCsv } from '../../../test/support/test-hub';

const HEADER = ['id', 'name', 'email', 'score'];
const people = (n: number) => Array.from({ length: n }, (_, i) => [`P${i + 1}`, `Person ${i + 1}`, `p${i + 1}@example.com`, i + 1]);

describe('sync engine', () => {
  let project: TestProject;
  let hub: HubRuntime;

  const flow = (extra: Record<string, unknown> = {}) => ({
    name: 'people',
    entity: 'person',
    source: { integration: 'src', entity: 'file' },
    mapping: { name: 'name', email: '$lowercase(email)', score: '$number(score)' },
    targets: [{ integration: 'dst', entity: 'file', mapping: { id: '$recordId', name: 'name', email: 'email', score: 'score' } }],
    pageSize: 7,
    ...extra,
  });

  beforeEach(async () => {
    project = await TestProject.create({});
  });
  afterEach(async () => {
    await project.dispose();
  });

  async function open(flowExtra: Record<string, unknown> = {}, rows = people(20)) {
    project.write({ integrations: [csvIntegration(project, 'src', 'source.csv'), csvIntegration(project, 'dst', 'target.csv')], flows: [flow(flowExtra)] });
    writeCsv(project.file('source.csv'), HEADER, rows);
    hub = await project.open();
  }

  const run = async () => (await hub.engine.runFlow(hub.tenantId(), 'people'))[0];
  const target = () => readCsv(project.file('target.csv'));

  it('copies every record on the first run, then reads nothing new while the source is unchanged', async () => {
    await open();
    const first = await run();
    assert.equal(first.status, 'completed');
    assert.deepEqual(first.counts, { processed: 20, created: 20, updated: 0, deleted: 0, unchanged: 0, failed: 0 });
    const rows = target();
    assert.equal(rows.length, 20);
    assert.deepEqual(rows.map((r) => r.email).sort(), people(20).map((p) => String(p[2])).sort());
    assert.equal(await hub.store.getRepository(CanonicalRecord).count(), 20);
    assert.equal(await hub.store.getRepository(ExternalMapping).count(), 40);

    const second = await run();
    assert.equal(second.status, 'completed');
    assert.equal(second.counts.processed, 0);
    assert.equal(second.cursorBefore, first.cursorAfter);
    assert.equal(target().length, 20);
  });

  it('writes exactly the records that changed in the source', async () => {
    await open();
    await run();
    const before = fs.readFileSync(project.file('target.csv'), 'utf8').split('\n');
    const rows = people(20);
    rows[3][1] = 'Changed Three';
    rows[15][3] = 999;
    writeCsv(project.file('source.csv'), HEADER, rows);
    const result = await run();
    assert.deepEqual(result.counts, { processed: 20, created: 0, updated: 2, deleted: 0, unchanged: 18, failed: 0 });
    const after = fs.readFileSync(project.file('target.csv'), 'utf8').split('\n');
    const changedLines = after.filter((line, i) => line !== before[i]);
    assert.equal(changedLines.length, 2);
    assert.ok(changedLines.some((l) => l.includes('Changed Three')));
    assert.ok(changedLines.some((l) => l.includes(',999')));
    const versions = await hub.store.getRepository(CanonicalRecord).find();
    assert.equal(versions.filter((r) => r.version === 2).length, 2);
  });

  it('deletes from the target a row deleted in a snapshot source, and keeps the canonical record as deleted', async () => {
    await open();
    await run();
    const rows = people(20).filter((p) => p[0] !== 'P5');
    writeCsv(project.file('source.csv'), HEADER, rows);
    const result = await run();
    assert.equal(result.counts.deleted, 1);
    assert.deepEqual(target().map((r) => r.email).includes('p5@example.com'), false);
    assert.equal(target().length, 19);
    const deleted = await hub.store.getRepository(CanonicalRecord).findBy({});
    assert.equal(deleted.filter((r) => r.deletedAt !== null).length, 1);
    assert.equal(deleted.find((r) => r.deletedAt !== null)!.data.email, 'p5@example.com');
    assert.equal(await hub.store.getRepository(OutboxEvent).countBy({ type: 'record.deleted' }), 1);
  });

  it('keeps target rows when the flow ignores deletes', async () => {
    await open({ deletes: 'ignore' });
    await run();
    writeCsv(project.file('source.csv'), HEADER, people(20).filter((p) => p[0] !== 'P5'));
    const result = await run();
    assert.equal(result.counts.deleted, 1);
    assert.equal(target().length, 20);
  });

  it('refuses a pass that would delete more than the threshold, and changes nothing', async () => {
    await open();
    await run();
    writeCsv(project.file('source.csv'), HEADER, people(3));
    const result = await run();
    assert.equal(result.status, 'failed');
    assert.equal(result.error?.code, 'IHUB_SYNC_DELETE_THRESHOLD');
    assert.equal(target().length, 20);
    assert.equal(await hub.store.getRepository(CanonicalRecord).countBy({ deletedAt: IsNull() }), 20);
  });

  it('logs a record that fails to map, syncs the rest, and retries it on the next run', async () => {
    await open({ mapping: { name: 'name', email: '$lowercase(email)', score: "score = 'bad' ? $error('score is not a number') : $number(score)" } });
    const rows = people(10);
    rows[4][3] = 'bad';
    writeCsv(project.file('source.csv'), HEADER, rows);
    const first = await run();
    assert.equal(first.status, 'partial');
    assert.equal(first.counts.failed, 1);
    assert.equal(first.counts.created, 9);
    assert.equal(first.errors[0].stage, 'map');
    assert.equal(first.errors[0].externalId, 'P5');
    assert.match(first.errors[0].message, /score is not a number/);
    assert.equal(target().length, 9);
    const log = await hub.store.getRepository(SyncLog).findOneByOrFail({ id: first.runId });
    assert.equal(log.recordsFailed, 1);
    assert.equal(log.errorDetails[0].externalId, 'P5');
    assert.equal(await hub.store.getRepository(SyncFailure).count(), 1);

    // The source row is fixed without the file changing size or being re-read by cursor: the failure
    // queue fetches it by id.
    rows[4][3] = 5;
    writeCsv(project.file('source.csv'), HEADER, rows);
    const second = await run();
    assert.equal(second.status, 'completed');
    assert.equal(target().length, 10);
    assert.equal(await hub.store.getRepository(SyncFailure).count(), 0);
  });

  it('keeps a synced record in the targets when it fails to map in a later snapshot pass', async () => {
    await open({ mapping: { name: 'name', email: '$lowercase(email)', score: "score = 'bad' ? $error('score is not a number') : $number(score)" } });
    await run();
    const rows = people(20);
    rows[2][3] = 'bad';
    writeCsv(project.file('source.csv'), HEADER, rows);
    const result = await run();
    assert.equal(result.status, 'partial');
    assert.deepEqual({ processed: result.counts.processed, failed: result.counts.failed, deleted: result.counts.deleted }, { processed: 20, failed: 1, deleted: 0 });
    assert.equal(target().length, 20, 'the record that failed to map is still in the target');
    assert.ok(target().some((r) => r.email === 'p3@example.com'));
  });

  it('appends record and run events to the outbox', async () => {
    await open();
    const result = await run();
    const events = await hub.store.getRepository(OutboxEvent).find({ order: { id: 'ASC' } });
    assert.equal(events.filter((e) => e.type === 'record.created').length, 20);
    assert.equal(events[0].type, 'sync.started');
    assert.equal(events[events.length - 1].type, 'sync.completed');
    assert.equal(events[events.length - 1].payload.runId, result.runId);
    const created = events.find((e) => e.type === 'record.created')!;
    assert.equal((created.payload.data as Record<string, unknown>).email, 'p1@example.com');
  });

  it('writes nothing in a dry run', async () => {
    await open();
    const [result] = await hub.engine.runFlow(hub.tenantId(), 'people', { dryRun: true });
    assert.equal(result.counts.created, 20);
    assert.equal(fs.existsSync(project.file('target.csv')), false);
    assert.equal(await hub.store.getRepository(CanonicalRecord).count(), 0);
    assert.equal(await hub.store.getRepository(SyncLog).count(), 0);
    const state = await hub.store.getRepository(SyncState).find();
    assert.equal(state[0].cursor, null);
  });

  it('lets one run per stream hold the lease at a time', async () => {
    await open({}, people(300));
    const [a, b] = await Promise.allSettled([run(), run()]);
    const outcomes = [a, b].map((r) => (r.status === 'fulfilled' ? r.value.status : (r.reason as { code: string }).code)).sort();
    assert.deepEqual(outcomes, ['IHUB_SYNC_ALREADY_RUNNING', 'completed']);
    assert.equal(target().length, 300);
  });

  it('suppresses echoes in a two-way flow and carries target edits back to the source', async () => {
    project.write({
      integrations: [csvIntegration(project, 'src', 'source.csv'), csvIntegration(project, 'dst', 'target.csv', 'key')],
      flows: [{
        name: 'people', entity: 'person', direction: 'two-way',
        source: { integration: 'src', entity: 'file' },
        mapping: { id: 'id', name: 'name' },
        reverseMapping: { id: 'id', name: 'name' },
        targets: [{ integration: 'dst', entity: 'file', mapping: { key: 'id', label: 'name' }, reverseMapping: { id: 'key', name: 'label' } }],
      }],
    });
    writeCsv(project.file('source.csv'), ['id', 'name'], [['A', 'Alpha'], ['B', 'Beta']]);
    hub = await project.open();
    const first = await hub.engine.runFlow(hub.tenantId(), 'people');
    assert.equal(first[0].counts.created, 2);
    assert.equal(first[1].counts.unchanged, 2, 'reading back our own writes is an echo, not a change');
    assert.deepEqual(readCsv(project.file('target.csv')).map((r) => r.label), ['Alpha', 'Beta']);

    writeCsv(project.file('target.csv'), ['key', 'label'], [['A', 'Alpha'], ['B', 'Beta Edited']]);
    const second = await hub.engine.runFlow(hub.tenantId(), 'people');
    assert.equal(second[1].counts.updated, 1);
    assert.deepEqual(readCsv(project.file('source.csv')).map((r) => r.name), ['Alpha', 'Beta Edited']);

    const third = await hub.engine.runFlow(hub.tenantId(), 'people');
    assert.equal(third[0].counts.updated, 0, 'the write-back to the source does not bounce to the target again');
    assert.equal(third[1].counts.updated, 0);
  });
});
