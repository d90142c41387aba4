import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { appendAudit } from '../../src/audit/append-audit';
import { openStore } from '../../src/store/data-source';
import { exited, spawnCli } from '../../../test/support/cli-process';
import { TestProject } from '../../../test/support/test-hub';

// Runs the built CLI (`npx tsc -b` first), as an operator would.
describe('ihub audit verify', () => {
  let project: TestProject;
  let store: DataSource;
  beforeEach(async () => {
    project = await TestProject.create({});
    store = await openStore({ url: project.db.url });
  });
  afterEach(async () => {
    await store.destroy();
    await project.dispose();
  });

  async function verify(): Promise<{ code: number | null; output: string }> {
    const child = spawnCli(['-c', project.configFile, 'audit', 'verify', '--batch-size', '2'], project.env, project.root);
    const code = await exited(child);
    return { code, output: child.output() };
  }

  it('exits 0 with the row count when the chain is intact, 1 naming the first broken row when not', async () => {
    const rows = [];
    for (const action of ['a', 'b', 'c']) rows.push(await appendAudit(store, { tenantId: null, actor: 'cli:test', action, outcome: 'success' }));
    assert.deepEqual(await verify(), { code: 0, output: 'audit chain intact: 3 rows\n' });

    await store.query("UPDATE audit_log SET outcome = 'denied' WHERE seq = 2");
    assert.deepEqual(await verify(), { code: 1, output: `audit chain broken at seq 2 (${rows[1].id}): hash does not match the row content: the row was altered\n` });
  });
});
