import assert from 'node:assert/strict';
import { Integration } from '../../../core/src/store/entities';
import { readCsv } from '../../support/test-hub';
import { until } from '../../support/cli-process';
import { ApiHarness, apiFlow } from './api-harness';

describe('REST API: integrations and flows created over HTTP', function () {
  this.timeout(60_000);
  let h: ApiHarness;
  before(async () => {
    h = await ApiHarness.start();
  });
  after(async () => h?.stop());

  it('encrypts a secret at rest, never returns it, and gives it to the connector', async () => {
    const secret = 'sk-api-created-7f3a9c';
    const created = await h.request('POST', '/api/v1/integrations', { key: h.keys.write, body: { name: 'remote', connector: 'template', endpoint: h.upstreamUrl, settings: { apiKey: secret } } });
    assert.equal(created.status, 201, created.text);
    assert.equal(created.json.configuration.apiKey, '***');
    const row = await h.node.runtime.store.getRepository(Integration).findOneByOrFail({ id: created.json.id });
    assert.match(row.secrets!, /^v1\.[0-9a-f]{8}\./);
    assert.ok(!JSON.stringify(row).includes(secret), 'the row holds only ciphertext');

    const check = await h.request('POST', `/api/v1/integrations/${created.json.id}/check`, { key: h.keys.write, body: {} });
    assert.equal(check.json.ok, false);
    assert.ok(h.upstreamAuth.includes(`Bearer ${secret}`), 'the connector authenticated with the decrypted secret');
    assert.ok(!check.text.includes(secret));

    // Sending back the masked value keeps the stored secret; a new value replaces it.
    const kept = await h.request('PATCH', `/api/v1/integrations/${created.json.id}`, { key: h.keys.write, body: { settings: { apiKey: '***' }, description: 'kept' } });
    assert.equal(kept.status, 200, kept.text);
    h.upstreamAuth.length = 0;
    await h.request('POST', `/api/v1/integrations/${created.json.id}/check`, { key: h.keys.write, body: {} });
    assert.ok(h.upstreamAuth.includes(`Bearer ${secret}`));
    await h.request('PATCH', `/api/v1/integrations/${created.json.id}`, { key: h.keys.write, body: { settings: { apiKey: 'sk-new' } } });
    h.upstreamAuth.length = 0;
    await h.request('POST', `/api/v1/integrations/${created.json.id}/check`, { key: h.keys.write, body: {} });
    assert.ok(h.upstreamAuth.includes('Bearer sk-new'));
  });

  it("rejects a connection config that does not fit the connector's schema, naming the field", async () => {
    const res = await h.request('POST', '/api/v1/integrations', { key: h.keys.write, body: { name: 'broken', connector: 'csv', settings: { file: 'x.csv' } } });
    assert.equal(res.status, 400, res.text);
    assert.ok(res.json.error.details.some((d: { field: string }) => d.field === 'settings.folder'));
    const unknown = await h.request('POST', '/api/v1/integrations', { key: h.keys.write, body: { name: 'nope', connector: 'nosuch' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.details[0].field, 'connector');
    const duplicate = await h.request('POST', '/api/v1/integrations', { key: h.keys.write, body: { name: 'src', connector: 'csv', settings: { folder: h.project.files, file: 'a.csv' } } });
    assert.equal(duplicate.status, 409);
  });

  it('runs a flow created over the API into an integration created over the API', async () => {
    const flow = await h.request('POST', '/api/v1/flows', { key: h.keys.write, body: { ...apiFlow('runs-over-api'), targets: [{ integration: 'api-made', entity: 'file' }] } });
    assert.equal(flow.status, 201, flow.text);
    const started = await h.request('POST', `/api/v1/flows/${flow.json.id}/runs`, { key: h.keys.write, body: { full: true } });
    assert.equal(started.status, 202, started.text);
    let run: any;
    await until(async () => {
      run = (await h.request('GET', `/api/v1/runs/${started.json.runId}`, { key: h.keys.read })).json;
      return run.status !== 'running';
    }, 20_000, 'the run to finish');
    assert.equal(run.status, 'completed', JSON.stringify(run));
    assert.equal(run.counts.processed, 3);
    assert.deepEqual(readCsv(h.project.file('api-made.csv')).map((r) => r.id).sort(), ['a', 'b', 'c']);
  });

  it('refuses flows that name unknown integrations or entities, with the field', async () => {
    const res = await h.request('POST', '/api/v1/flows', { key: h.keys.write, body: { ...apiFlow('bad-refs'), source: { integration: 'ghost', entity: 'file' }, targets: [{ integration: 'api-made', entity: 'rows' }] } });
    assert.equal(res.status, 400, res.text);
    const fields = res.json.error.details.map((d: { field: string }) => d.field).sort();
    assert.deepEqual(fields, ['source.integration', 'targets.0.entity']);
    const badJsonata = await h.request('POST', '/api/v1/flows', { key: h.keys.write, body: { ...apiFlow('bad-jsonata'), mapping: { id: 'id &' } } });
    assert.equal(badJsonata.status, 400);
    assert.ok(badJsonata.json.error.details.some((d: { field: string }) => d.field === 'mapping.id'));
  });

  it('leaves config-file integrations and flows to their files, and keeps integrations that flows use', async () => {
    const configOwned = await h.request('PATCH', `/api/v1/integrations/${h.ids.integration}`, { key: h.keys.write, body: { description: 'x' } });
    assert.equal(configOwned.status, 409);
    assert.match(configOwned.json.error.message, /declared in config\/integrations\/test\.yaml:\d+/);
    assert.equal((await h.request('DELETE', `/api/v1/flows/${h.ids.flow}`, { key: h.keys.write })).status, 409);
    const inUse = await h.request('DELETE', `/api/v1/integrations/${h.ids.apiIntegration}`, { key: h.keys.write });
    assert.equal(inUse.status, 409);
    assert.match(inUse.json.error.message, /used by flow/);
  });

  it("lets the operator tenant manage tenants, and a suspended tenant's credentials stop working", async () => {
    const listed = await h.request('GET', '/api/v1/tenants', { key: h.keys.admin });
    assert.deepEqual(listed.json.data.map((t: { code: string }) => t.code).sort(), ['default', 'other']);
    const created = await h.request('POST', '/api/v1/tenants', { key: h.keys.admin, body: { code: 'acme', name: 'Acme' } });
    assert.equal(created.status, 201, created.text);
    assert.equal((await h.request('POST', '/api/v1/tenants', { key: h.keys.admin, body: { code: 'acme', name: 'again' } })).status, 409);
    const suspended = await h.request('PATCH', `/api/v1/tenants/${h.tenantB}`, { key: h.keys.admin, body: { status: 'suspended' } });
    assert.equal(suspended.json.status, 'suspended');
    const refused = await h.request('GET', '/api/v1/flows', { key: h.keys.otherTenant });
    assert.equal(refused.status, 401);
    assert.match(refused.json.error.message, /tenant of these credentials is suspended/);
    assert.equal((await h.request('PATCH', `/api/v1/tenants/${h.tenantA}`, { key: h.keys.admin, body: { status: 'suspended' } })).status, 409, 'the operator cannot lock itself out');
  });
});
