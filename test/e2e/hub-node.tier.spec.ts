import assert from 'node:assert/strict';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startHubNode, HubNode } from '../../core/src/hub-node';
import { CONFIG_APPLIED_EVENT } from '../../core/src/services/hub.service';
import { Integration, SyncLog } from '../../core/src/store/entities';
import { until } from '../support/cli-process';
import type { RunResult } from '../../core/src/sync/sync-engine';
import { csvIntegration, FIXTURE_PLUGINS, readCsv, TestProject, writeCsv } from '../support/test-hub';
import { integrationTier } from '../support/test-store';

describe('hub node', () => {
  let project: TestProject;
  let node: HubNode | undefined;

  beforeEach(async () => {
    project = await TestProject.create({});
    project.write({
      plugins: ['bad-manifest', 'old-hub', 'dup-csv', 'throwing'].map((p) => path.join(FIXTURE_PLUGINS, p)),
      integrations: [csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv'), { name: 'buggy', connector: 'throwing' }],
      flows: [
        { name: 'copy', entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id', v: 'v' }, targets: [{ integration: 'dst', entity: 'file' }] },
        { name: 'broken', entity: 'row', source: { integration: 'buggy', entity: 'items' }, mapping: { id: 'id' }, targets: [{ integration: 'dst', entity: 'file' }] },
      ],
    });
    writeCsv(project.file('in.csv'), ['id', 'v'], [['a', '1'], ['b', '2']]);
  });
  afterEach(async () => {
    await node?.stop();
    node = undefined;
    await project.dispose();
  });

  it('starts despite plugins that fail to load, fails only the run of a connector that throws, and keeps serving', async () => {
    const env = { ...project.env, IHUB_TRANSPORTER: integrationTier ? process.env.IHUB_TEST_TRANSPORTER! : '', IHUB_NAMESPACE: `t${randomBytes(4).toString('hex')}` };
    node = await startHubNode({ configFile: project.configFile, env, cwd: project.root, logLevel: 'error' });
    assert.deepEqual(node.runtime.registry.errors.map((e) => e.code).sort(), ['IHUB_PLUGIN_DUPLICATE', 'IHUB_PLUGIN_INVALID', 'IHUB_PLUGIN_VERSION_MISMATCH']);

    const [broken] = await node.broker.call<RunResult[], object>('sync.run', { flow: 'broken' });
    assert.equal(broken.status, 'failed');
    assert.equal(broken.error?.code, 'IHUB_CONNECTOR_FAILED');

    const [copy] = await node.broker.call<RunResult[], object>('sync.run', { flow: 'copy' });
    assert.equal(copy.status, 'completed');
    assert.deepEqual(readCsv(project.file('out.csv')).map((r) => r.id), ['a', 'b']);
  });

  it('answers sync.run with bad parameters with a coded error naming the field', async () => {
    node = await startHubNode({ configFile: project.configFile, env: { ...project.env, IHUB_NAMESPACE: `t${randomBytes(4).toString('hex')}` }, cwd: project.root, logLevel: 'error' });
    await assert.rejects(node.broker.call('sync.run', { flow: 'copy', full: 'yes' }), (err: Error & { code: string }) => {
      assert.equal(err.code, 'IHUB_CONFIG_INVALID');
      assert.match(err.message, /full: /);
      return true;
    });
    await assert.rejects(node.broker.call('sync.run', { flow: 'nope' }), { code: 'IHUB_NOT_FOUND' });
  });

  it('picks up a new integration and flow when told the config was applied, without a restart', async () => {
    const env = { ...project.env, IHUB_TRANSPORTER: integrationTier ? process.env.IHUB_TEST_TRANSPORTER! : '', IHUB_NAMESPACE: `t${randomBytes(4).toString('hex')}` };
    node = await startHubNode({ configFile: project.configFile, env, cwd: project.root, logLevel: 'error' });
    await assert.rejects(node.broker.call('sync.run', { flow: 'second' }), { code: 'IHUB_NOT_FOUND' });

    project.write({
      integrations: [csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv'), csvIntegration(project, 'dst3', 'third.csv')],
      flows: [{ name: 'second', entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id' }, targets: [{ integration: 'dst3', entity: 'file' }] }],
    });
    await node.broker.broadcast(CONFIG_APPLIED_EVENT, {});
    await until(() => node!.runtime.config.flows.some((f) => f.name === 'second'), 10_000, 'the node to reload its config');
    const [second] = await node.broker.call<RunResult[], object>('sync.run', { flow: 'second' });
    assert.equal(second.status, 'completed');
    assert.deepEqual(readCsv(project.file('third.csv')).map((r) => r.id), ['a', 'b']);
    await assert.rejects(node.broker.call('sync.run', { flow: 'copy' }), { code: 'IHUB_NOT_FOUND' }, 'a flow removed from the files is gone');
  });

  it('does not schedule flows whose integrations are paused', async () => {
    project.write({
      hub: { scheduler: { enabled: true } },
      integrations: [csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv')],
      flows: [{ name: 'ticking', entity: 'row', schedule: '* * * * * *', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id' }, targets: [{ integration: 'dst', entity: 'file' }] }],
    });
    node = await startHubNode({ configFile: project.configFile, env: { ...project.env, IHUB_NAMESPACE: `t${randomBytes(4).toString('hex')}` }, cwd: project.root, logLevel: 'error' });
    const logs = node.runtime.store.getRepository(SyncLog);
    await until(async () => (await logs.count()) >= 1, 10_000, 'the flow to run on its schedule');
    await node.runtime.store.getRepository(Integration).update({ name: 'dst' }, { status: 'paused' });
    await new Promise((r) => setTimeout(r, 1500));
    const whilePaused = await logs.count();
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(await logs.count(), whilePaused, 'no run while an integration of the flow is paused');
    await node.runtime.store.getRepository(Integration).update({ name: 'dst' }, { status: 'active' });
    await until(async () => (await logs.count()) > whilePaused, 10_000, 'runs to resume');
  });
});
