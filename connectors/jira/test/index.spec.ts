import assert from 'node:assert/strict';
import { entityOperations, manifestProblems, secretPaths } from '@ihub/plugin-kit';
import connector from '../src/index';
import { basicConfig, contextFor, oauthConfig, useJiraSite } from './support/jira-site';

describe('jira connector manifest', () => {
  const site = useJiraSite({ issues: 2 });

  it('declares issue and comment entities with every operation, an inbound handler and its secrets', () => {
    assert.deepEqual(manifestProblems(connector), []);
    assert.equal(connector.id, 'jira');
    assert.deepEqual(Object.keys(connector.entities), ['issue', 'comment']);
    for (const entity of Object.values(connector.entities)) {
      assert.equal(entity.changeTracking, 'cursor');
      assert.deepEqual(entityOperations(entity), ['list', 'get', 'create', 'update', 'delete']);
    }
    assert.ok(connector.inbound);
    assert.deepEqual(secretPaths(connector.config).sort(), ['auth.accessToken', 'auth.apiToken', 'webhookSecret']);
  });

  describe('check', () => {
    it('signs in with an API token and with an OAuth 2.0 access token', async () => {
      for (const config of [basicConfig(site.fake), oauthConfig(site.fake)]) {
        assert.deepEqual(await connector.check(contextFor(config).ctx), { ok: true, message: 'signed in as Ada Lovelace; DEMO readable' });
      }
    });

    it("fails with Jira's own message for a wrong API token, and for an unknown project", async () => {
      const wrong = await connector.check(contextFor(basicConfig(site.fake, { auth: { type: 'basic', email: 'ada@example.com', apiToken: 'wrong' } })).ctx);
      assert.equal(wrong.ok, false);
      assert.match(wrong.message!, /401: Client must be authenticated to access this resource\./);

      const unknown = await connector.check(contextFor(basicConfig(site.fake, { projects: ['NOPE'] })).ctx);
      assert.equal(unknown.ok, false);
      assert.match(unknown.message!, /The value 'NOPE' does not exist for the field 'project'/);
    });
  });
});
