import assert from 'node:assert/strict';
import { entityOperations, manifestProblems } from '@ihub/plugin-kit';
import { FAKE_USER, startServiceNowFake, type ServiceNowFake } from '../../../test/fakes/servicenow';
import connector from '../src/index';
import { basicConfig, contextFor } from './support/servicenow-context';

describe('servicenow connector manifest', () => {
  it('is a valid manifest with the common tables and a table entity, all read by cursor and fully writable', () => {
    assert.deepEqual(manifestProblems(connector), []);
    assert.equal(connector.id, 'servicenow');
    assert.deepEqual(connector.auth, ['basic', 'oauth2-password', 'oauth2-refresh-token']);
    assert.deepEqual(Object.keys(connector.entities), ['incident', 'change_request', 'problem', 'sys_user', 'sys_user_group', 'cmdb_ci', 'table']);
    for (const entity of Object.values(connector.entities)) {
      assert.equal(entity.changeTracking, 'cursor');
      assert.deepEqual(entityOperations(entity), ['list', 'get', 'create', 'update', 'delete']);
    }
    assert.equal(typeof connector.inbound?.handle, 'function');
  });

  describe('check', () => {
    let fake: ServiceNowFake;
    beforeEach(async () => {
      fake = await startServiceNowFake({ seed: { sys_user: 1 } });
    });
    afterEach(() => fake.close());

    it('reads one sys_id from sys_user when no entity is configured', async () => {
      const result = await connector.check(contextFor(basicConfig(fake)));

      assert.deepEqual(result, { ok: true, message: 'authenticated and read sys_user' });
      assert.deepEqual(fake.requests[0].query, { sysparm_fields: 'sys_id', sysparm_display_value: 'false', sysparm_exclude_reference_link: 'true', sysparm_limit: '1' });
    });

    it('reads from every configured table, passing on an empty answer too (an ACL may hide every row)', async () => {
      const ctx = contextFor(basicConfig(fake, { entities: { incident: { fields: ['number'] }, table: { table: 'cmdb_ci' } } }));

      assert.deepEqual(await connector.check(ctx), { ok: true, message: 'authenticated and read incident, cmdb_ci' });
    });

    it("fails with the instance's message, without throwing, for a wrong password or a table it does not have", async () => {
      const wrong = await connector.check(contextFor(basicConfig(fake, { auth: { method: 'basic', username: FAKE_USER.userName, password: 'nope' } })));
      const table = await connector.check(contextFor(basicConfig(fake, { entities: { table: { table: 'u_missing' } } })));

      assert.equal(wrong.ok, false);
      assert.match(wrong.message!, /User Not Authenticated/);
      assert.equal(table.ok, false);
      assert.match(table.message!, /Invalid table u_missing/);
    });
  });
});
