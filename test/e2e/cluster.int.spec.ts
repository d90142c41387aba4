import assert from 'node:assert/strict';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Flow, SyncLog } from '../../core/src/store/entities';
import { csvIntegration, FIXTURE_PLUGINS, TestProject, writeCsv } from '../support/test-hub';
import { exited, spawnCli, until } from '../support/cli-process';

const RUN_FOR_MS = 7_000;

describe('cluster of two hub processes on NATS and MariaDB', function () {
  this.timeout(90_000);
  let project: TestProject;

  before(async () => {
    project = await TestProject.create({});
    project.write({
      hub: { scheduler: { enabled: true } },
      plugins: [path.join(FIXTURE_PLUGINS, 'slow-source')],
      integrations: [
        { name: 'slow', connector: 'slow-source', settings: { delayMs: 1500 } },
        csvIntegration(project, 'src', 'in.csv'),
        csvIntegration(project, 'dst', 'out.csv'),
        csvIntegration(project, 'dst2', 'out2.csv'),
      ],
      flows: [
        // Each run takes 1.5 s and the schedule ticks every second: both nodes keep trying to run it.
        { name: 'slow', entity: 'item', schedule: '* * * * * *', source: { integration: 'slow', entity: 'items' }, mapping: { id: 'id', n: 'n' }, targets: [{ integration: 'dst2', entity: 'file' }] },
        { name: 'fast', entity: 'row', schedule: '* * * * * *', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id' }, targets: [{ integration: 'dst', entity: 'file' }] },
      ],
    });
    writeCsv(project.file('in.csv'), ['id'], [['a'], ['b']]);
  });
  after(async () => project.dispose());

  it('runs each scheduled stream once per tick and never twice at the same time', async () => {
    const env = { ...project.env, IHUB_TRANSPORTER: process.env.IHUB_TEST_TRANSPORTER!, IHUB_NAMESPACE: `c${randomBytes(4).toString('hex')}` };
    const nodes = ['node-a', 'node-b'].map((id) => spawnCli(['start', '--node-id', id, '--config', project.configFile], env, project.root));
    try {
      await until(() => nodes.every((n) => /ihub node .* started/.test(n.output())), 30_000, 'both nodes to start').catch((err) => {
        throw new Error(`${err.message}\n${nodes.map((n) => n.output()).join('\n---\n')}`);
      });
      await until(() => nodes.every((n) => /Node '(node-a|node-b)' connected/.test(n.output())), 30_000, 'the nodes to see each other');
      await new Promise((r) => setTimeout(r, RUN_FOR_MS));
    } finally {
      for (const n of nodes) n.kill('SIGTERM');
      await Promise.all(nodes.map(exited));
    }

    const hub = await project.open('inspector');
    const flows = await hub.store.getRepository(Flow).find();
    const logsOf = async (name: string) => hub.store.getRepository(SyncLog).find({ where: { flowId: flows.find((f) => f.name === name)!.id }, order: { startedAt: 'ASC' } });

    const fast = await logsOf('fast');
    assert.ok(fast.length >= 4, `expected a run per second, got ${fast.length}`);
    const seconds = fast.map((l) => Math.floor(l.startedAt.getTime() / 1000));
    assert.equal(new Set(seconds).size, seconds.length, `two runs in one tick: ${seconds.join(', ')}`);

    const slow = (await logsOf('slow')).filter((l) => l.completedAt);
    assert.ok(slow.length >= 2, `expected several slow runs, got ${slow.length}`);
    for (let i = 1; i < slow.length; i++) {
      assert.ok(slow[i].startedAt >= slow[i - 1].completedAt!, `runs ${i - 1} and ${i} of the slow stream overlapped`);
    }
    const byNode = new Set([...fast, ...slow].map((l) => l.nodeId));
    assert.ok([...byNode].every((n) => n === 'node-a' || n === 'node-b'));
    const output = nodes.map((n) => n.output()).join('\n');
    assert.match(output, /IHUB_SYNC_ALREADY_RUNNING|is being synced by/, 'a node found the slow stream leased by the other');
  });
});
