import assert from 'node:assert/strict';
import { csvIntegration, readCsv, TestProject, writeCsv } from '../../../test/support/test-hub';
import { HubRuntime } from '../../src/runtime/hub-runtime';

describe('ihub source in a flow', () => {
  let project: TestProject;
  let hub: HubRuntime;

  beforeEach(async () => {
    project = await TestProject.create({});
    project.write({
      integrations: [
        csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv'), csvIntegration(project, 'gone', 'missing.csv'),
        { name: 'hub', connector: 'ihub' }, csvIntegration(project, 'run-log', 'runs.csv'),
      ],
      flows: [
        { name: 'copy', entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id' }, targets: [{ integration: 'dst', entity: 'file' }] },
        { name: 'broken', entity: 'row', source: { integration: 'gone', entity: 'file' }, mapping: { id: 'id' }, targets: [{ integration: 'dst', entity: 'file' }] },
        {
          name: 'run-outcomes', entity: 'hub-event', source: { integration: 'hub', entity: 'event', filter: 'sync.completed, sync.failed' },
          mapping: { id: 'id', type: 'type', flow: 'payload.flow', status: 'payload.status', error: 'payload.error.code' },
          targets: [{ integration: 'run-log', entity: 'file' }],
        },
      ],
    });
    writeCsv(project.file('in.csv'), ['id'], [['a']]);
    hub = await project.open();
  });
  afterEach(async () => project.dispose());

  it('forwards the outcome of every run once, failed runs and the run that forwards them included', async () => {
    const tenant = hub.tenantId();
    await hub.engine.runFlow(tenant, 'copy');
    await hub.engine.runFlow(tenant, 'broken');
    await hub.engine.runFlow(tenant, 'run-outcomes');
    assert.deepEqual(readCsv(project.file('runs.csv')).map((r) => [r.type, r.flow, r.status, r.error]), [
      ['sync.completed', 'copy', 'completed', ''],
      ['sync.failed', 'broken', 'failed', 'IHUB_UPSTREAM_ERROR'],
    ]);

    const [again] = await hub.engine.runFlow(tenant, 'run-outcomes');
    assert.equal(again.counts.created, 1, "the previous run's own outcome");
    assert.deepEqual(readCsv(project.file('runs.csv')).map((r) => r.flow), ['copy', 'broken', 'run-outcomes'], 'each event once, though the read looks back');
  });
});
