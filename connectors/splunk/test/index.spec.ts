import assert from 'node:assert/strict';
import { entityOperations, manifestProblems, secretPaths } from '@ihub/plugin-kit';
import connector from '../src/index';
import { startSplunkFake, type SplunkFake } from '../../../test/fakes/splunk';
import { hecSettings, searchSettings, splunkContext } from './support/splunk-context';

describe('splunk connector manifest', () => {
  it('declares a write-only event entity and a list-only search entity, with every credential secret', () => {
    assert.deepEqual(manifestProblems(connector), []);
    assert.equal(connector.id, 'splunk');
    assert.deepEqual(entityOperations(connector.entities.event), ['write']);
    assert.deepEqual(entityOperations(connector.entities.search), ['list']);
    assert.equal(connector.entities.search.changeTracking, 'cursor');
    assert.deepEqual(secretPaths(connector.config).sort(), ['auth.password', 'auth.token', 'hec.token']);
  });

  describe('check', () => {
    let fake: SplunkFake;
    beforeEach(async () => {
      fake = await startSplunkFake({ users: { svc: 'right' } });
    });
    afterEach(() => fake.close());

    it('passes when HEC is healthy, takes the token, and the search runs, without indexing anything', async () => {
      const result = await connector.check(splunkContext({ ...hecSettings(fake), ...searchSettings(fake) }));
      assert.deepEqual(result, { ok: true, message: 'HEC is healthy and accepts the token; the search runs' });
      assert.deepEqual(fake.events, []);
    });

    it('fails with the HEC answer when the token is unknown', async () => {
      const result = await connector.check(splunkContext(hecSettings(fake, { token: 'wrong-token' })));
      assert.equal(result.ok, false);
      assert.match(result.message!, /Invalid token \(HEC code 4\)/);
      assert.doesNotMatch(result.message!, /wrong-token/);
    });

    it('fails when HEC reports itself unhealthy', async () => {
      fake.faults.unhealthy = true;
      const result = await connector.check(splunkContext(hecSettings(fake)));
      assert.equal(result.ok, false);
      assert.match(result.message!, /^HEC is not healthy: .*queues are full \(HEC code 18\)/);
    });

    it('fails when the REST API refuses the credentials, and when it refuses the search', async () => {
      const wrongPassword = await connector.check(splunkContext(searchSettings(fake, {}, { auth: { method: 'basic', username: 'svc', password: 'wrong' } })));
      assert.equal(wrongPassword.ok, false);
      assert.match(wrongPassword.message!, /call not properly authenticated/);

      const badSearch = await connector.check(splunkContext(searchSettings(fake, { query: 'search index=main | nosuchcommand' })));
      assert.equal(badSearch.ok, false);
      assert.match(badSearch.message!, /Unknown search command 'nosuchcommand'/);
    });

    it('passes with Basic credentials that are right', async () => {
      const result = await connector.check(splunkContext(searchSettings(fake, {}, { auth: { method: 'basic', username: 'svc', password: 'right' } })));
      assert.deepEqual(result, { ok: true, message: 'the search runs' });
    });
  });
});
