import assert from 'node:assert/strict';
import { CanonicalRecord } from '../../src/store/entities';
import { HubRuntime } from '../../src/runtime/hub-runtime';
import type { RunResult } from '../../src/sync/sync-engine';
import { csvIntegration, readCsv, TestProject, writeCsv } from '../../../test/support/test-hub';

/** created/updated counts of each stream of a run: [forward, reverse]. */
const writes = (results: RunResult[]) => results.map((r) => ({ created: r.counts.created, updated: r.counts.updated }));
const NONE = [{ created: 0, updated: 0 }, { created: 0, updated: 0 }];

describe('two-way flows whose reverse mapping carries back only some fields', () => {
  let project: TestProject;
  let hub: HubRuntime;

  beforeEach(async () => {
    project = await TestProject.create({});
    project.write({
      integrations: [csvIntegration(project, 'src', 'source.csv'), csvIntegration(project, 'dst', 'target.csv', 'key')],
      flows: [{
        name: 'tickets', entity: 'ticket', direction: 'two-way',
        source: { integration: 'src', entity: 'file' },
        mapping: { id: 'id', name: 'name', status: 'status' },
        // Only the status comes back from the target.
        reverseMapping: { status: 'status' },
        targets: [{ integration: 'dst', entity: 'file', mapping: { key: 'id', label: 'name', state: 'status' }, reverseMapping: { status: 'state' } }],
      }],
    });
    writeCsv(project.file('source.csv'), ['id', 'name', 'status'], [['A', 'Alpha', 'open'], ['B', 'Beta', 'open']]);
    hub = await project.open();
  });
  afterEach(async () => project.dispose());

  const run = () => hub.engine.runFlow(hub.tenantId(), 'tickets');
  const source = () => readCsv(project.file('source.csv'));
  const target = () => readCsv(project.file('target.csv'));

  it('reads its own writes back as unchanged in both directions', async () => {
    const first = await run();
    assert.deepEqual(writes(first), [{ created: 2, updated: 0 }, { created: 0, updated: 0 }]);
    assert.equal(first[1].counts.unchanged, 2, 'the target records the hub wrote map back to what the hub holds');
    assert.deepEqual(writes(await run()), NONE);
  });

  it('carries a target edit of an owned field back, merged into the canonical record, and it does not bounce', async () => {
    await run();
    writeCsv(project.file('target.csv'), ['key', 'label', 'state'], [['A', 'Alpha edited in the target', 'open'], ['B', 'Beta', 'done']]);

    const second = await run();
    assert.deepEqual(writes(second), [{ created: 0, updated: 0 }, { created: 0, updated: 1 }], 'only B changed a field the target owns');
    assert.deepEqual(source(), [{ id: 'A', name: 'Alpha', status: 'open' }, { id: 'B', name: 'Beta', status: 'done' }], 'the label edit stays in the target');
    const records = await hub.store.getRepository(CanonicalRecord).find();
    assert.deepEqual(records.map((r) => r.data).sort((a, b) => String(a.id).localeCompare(String(b.id))), [
      { id: 'A', name: 'Alpha', status: 'open' },
      { id: 'B', name: 'Beta', status: 'done' },
    ], 'the fields the target does not own are kept');

    assert.deepEqual(writes(await run()), NONE, 'the write-back to the source is not read as a new change');
    assert.deepEqual(writes(await run()), NONE);
  });

  it('carries a source edit of a field the target does not read back to the target, and it does not bounce', async () => {
    await run();
    writeCsv(project.file('source.csv'), ['id', 'name', 'status'], [['A', 'Alpha renamed', 'open'], ['B', 'Beta', 'open']]);

    assert.deepEqual(writes(await run()), [{ created: 0, updated: 1 }, { created: 0, updated: 0 }]);
    assert.equal(target().find((r) => r.key === 'A')?.label, 'Alpha renamed');
    assert.deepEqual(writes(await run()), NONE);
  });

  it('takes an edit of the same field from both sides as the source first, then converges', async () => {
    await run();
    writeCsv(project.file('source.csv'), ['id', 'name', 'status'], [['A', 'Alpha', 'waiting'], ['B', 'Beta', 'open']]);
    writeCsv(project.file('target.csv'), ['key', 'label', 'state'], [['A', 'Alpha', 'done'], ['B', 'Beta', 'open']]);

    await run();
    assert.equal(source().find((r) => r.id === 'A')?.status, 'waiting', 'the forward stream runs first: the source wins');
    assert.equal(target().find((r) => r.key === 'A')?.state, 'waiting');
    assert.deepEqual(writes(await run()), NONE);
  });
});
