import assert from 'node:assert/strict';
import path from 'node:path';
import { Flow, Integration, Tenant } from '../../src/store/entities';
import { HubRuntime } from '../../src/runtime/hub-runtime';
import { csvIntegration, REPO_ROOT, TestProject } from '../../../test/support/test-hub';

const TEMPLATE = path.join(REPO_ROOT, 'plugins/template');
const SECRET = 'sk-live-do-not-store-9f8e7d';

describe('applying the config to the store', () => {
  let project: TestProject;
  const spec = (flows: unknown[]) => ({
    plugins: [TEMPLATE],
    integrations: [csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv'), { name: 'api', connector: 'template', endpoint: 'https://api.example.com/v1', settings: { apiKey: '${TEST_API_KEY}' } }],
    flows,
  });
  const flow = (name: string) => ({ name, entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id' }, targets: [{ integration: 'dst', entity: 'file' }] });

  beforeEach(async () => {
    project = await TestProject.create({});
  });
  afterEach(async () => project.dispose());

  async function open(): Promise<HubRuntime> {
    process.env.TEST_API_KEY = SECRET;
    try {
      return await project.open();
    } finally {
      delete process.env.TEST_API_KEY;
    }
  }

  it('creates tenants, integrations and flows, and changes nothing when applied again', async () => {
    project.write(spec([flow('one'), flow('two')]));
    const first = await open();
    assert.deepEqual(first.applied!.integrations, { created: 3, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(first.applied!.flows, { created: 2, updated: 0, unchanged: 0, removed: 0 });
    assert.equal(await first.store.getRepository(Tenant).count(), 1);
    const second = await open();
    assert.deepEqual(second.applied!.integrations, { created: 0, updated: 0, unchanged: 3, removed: 0 });
    assert.deepEqual(second.applied!.flows, { created: 0, updated: 0, unchanged: 2, removed: 0 });
  });

  it('updates a changed flow and removes one no longer declared, keeping rows created elsewhere', async () => {
    project.write(spec([flow('one'), flow('two')]));
    const hub = await open();
    await hub.store.getRepository(Flow).insert({ id: '00000000-0000-4000-8000-000000000001', tenantId: hub.tenantId(), name: 'made-by-api', entityType: 'x', definition: {}, direction: 'one-way', schedule: null, status: 'active', source: null, lastTickAt: null, createdAt: new Date(), updatedAt: new Date() });
    project.write(spec([{ ...flow('one'), schedule: '*/5 * * * *' }]));
    const again = await open();
    assert.deepEqual(again.applied!.flows, { created: 0, updated: 1, unchanged: 0, removed: 1 });
    const names = (await again.store.getRepository(Flow).find()).map((f) => f.name).sort();
    assert.deepEqual(names, ['made-by-api', 'one']);
    assert.equal((await again.store.getRepository(Flow).findOneByOrFail({ name: 'one' })).schedule, '*/5 * * * *');
  });

  it('never writes a secret to the store: fields marked secret are saved redacted', async () => {
    project.write(spec([]));
    const hub = await open();
    const api = await hub.store.getRepository(Integration).findOneByOrFail({ name: 'api' });
    assert.deepEqual(api.configuration, { apiKey: '***', endpoint: 'https://api.example.com/v1' });
    assert.equal(api.endpointUrl, 'https://api.example.com/v1');
    const dump = JSON.stringify(await hub.store.query('SELECT * FROM integration'));
    assert.ok(!dump.includes(SECRET), 'the secret appears nowhere in the integration table');
    assert.equal((hub.integration(hub.tenantId(), 'api')!.config as { apiKey: string }).apiKey, SECRET, 'the live connector has the real value');
  });

  it('refuses to start with a missing secret, naming the file, line and variable', async () => {
    project.write(spec([]));
    await assert.rejects(project.open(), (err: Error & { code: string }) => {
      assert.equal(err.code, 'IHUB_CONFIG_INVALID');
      assert.match(err.message, /config\/integrations\/test\.yaml:\d+ integrations\[2\]\.settings\.apiKey: missing environment variable TEST_API_KEY/);
      return true;
    });
  });
});
