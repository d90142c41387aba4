import assert from 'node:assert/strict';
import { appendAudit } from '../../src/audit/append-audit';
import { useTestStore } from '../../../test/support/test-store';
import { hubSource, OTHER_TENANT, readAll, TENANT } from './hub-events-support';

describe('ihub source: audit log', () => {
  const env = useTestStore();

  const audit = (action: string, tenantId: string | null = TENANT) => appendAudit(env.store, { tenantId, actor: 'cli:test', action, target: `api-key:${action}`, outcome: 'success', details: { name: action } });

  it("lists the tenant's audit rows in chain order, page by page, and a later read only the rows appended since", async () => {
    const mine = [await audit('createApiKey'), await audit('revokeApiKey')];
    await audit('createApiKey', OTHER_TENANT);
    await audit('inbound.rejected', null);
    mine.push(await audit('createOAuthClient'));

    const source = hubSource(env.store);
    const first = await readAll(source, 'audit', null, 2);
    assert.deepEqual(first.pages.map((p) => p.records.length), [2, 1]);
    assert.deepEqual(first.ids, mine.map((r) => r.id), "other tenants' rows and hub-wide rows are not this tenant's");
    assert.deepEqual(first.pages[0].records[0].data, {
      id: mine[0].id, seq: '1', actor: 'cli:test', action: 'createApiKey', target: 'api-key:createApiKey', outcome: 'success', requestId: null, ip: null,
      details: { name: 'createApiKey' }, hash: mine[0].hash, createdAt: mine[0].createdAt.toISOString(),
    });

    const later = await audit('revokeApiKey');
    assert.deepEqual((await readAll(source, 'audit', first.cursor)).ids, [later.id]);
    assert.deepEqual((await readAll(source, 'audit', first.cursor!.replace(/"seq":"\d+"/, '"seq":"x"'))).ids.length, 4, 'an unreadable cursor reads from the start');
  });

  it('gets one audit row of the tenant by id', async () => {
    const row = await audit('createApiKey');
    const other = await audit('createApiKey', OTHER_TENANT);
    const source = hubSource(env.store);
    assert.equal((await source.get('audit', row.id))?.data.action, 'createApiKey');
    assert.equal(await source.get('audit', other.id), null);
  });
});
