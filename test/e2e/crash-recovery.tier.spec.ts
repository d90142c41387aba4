import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CanonicalRecord, ExternalMapping, SyncState } from '../../core/src/store/entities';
import { csvIntegration, TestProject, writeCsv } from '../support/test-hub';
import { exited, spawnCli, until } from '../support/cli-process';

const ROWS = 30_000;

function targetLines(file: string): string[] {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean) : [];
}

describe('crash safety', function () {
  this.timeout(180_000);
  let project: TestProject;

  beforeEach(async () => {
    project = await TestProject.create({});
    project.write({
      integrations: [csvIntegration(project, 'src', 'source.csv'), csvIntegration(project, 'dst', 'target.csv')],
      flows: [{ name: 'bulk', entity: 'item', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id', value: 'value' }, targets: [{ integration: 'dst', entity: 'file' }], pageSize: 250 }],
    });
    writeCsv(project.file('source.csv'), ['id', 'value'], Array.from({ length: ROWS }, (_, i) => [`R${i}`, `value-${i}`]));
  });
  afterEach(async () => project.dispose());

  it('ends with every source record in the target exactly once after runs killed with SIGKILL mid-sync', async () => {
    const target = project.file('target.csv');
    for (const killAfter of [3_000, 12_000]) {
      const child = spawnCli(['sync', 'bulk', '--config', project.configFile], project.env, project.root);
      await until(() => targetLines(target).length >= killAfter || child.exitCode !== null, 60_000, `${killAfter} rows in the target`);
      assert.equal(child.exitCode, null, `the run ended before it could be killed:\n${child.output()}`);
      child.kill('SIGKILL');
      await exited(child);
      assert.ok(targetLines(target).length < ROWS, 'killed before the end');
    }
    const finish = spawnCli(['sync', 'bulk', '--config', project.configFile], project.env, project.root);
    assert.equal(await exited(finish), 0, finish.output());

    const ids = targetLines(target).map((line) => line.split(',')[0]);
    assert.equal(ids.length, ROWS, 'no row lost, none duplicated');
    assert.equal(new Set(ids).size, ROWS);

    const hub = await project.open();
    assert.equal(await hub.store.getRepository(CanonicalRecord).count(), ROWS);
    assert.equal(await hub.store.getRepository(ExternalMapping).count(), 2 * ROWS);
    const [state] = await hub.store.getRepository(SyncState).find();
    const cursor = JSON.parse(state.cursor!);
    assert.equal(cursor.offset, ROWS, 'the cursor points past the last row');
    assert.equal(state.leaseOwner, null, 'the finishing run released the lease');
    const [again] = await hub.engine.runFlow(hub.tenantId(), 'bulk');
    assert.equal(again.counts.processed, 0, 'the committed cursor means nothing is read again');
  });
});
