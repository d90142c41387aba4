import assert from 'node:assert/strict';
import type { HubError } from '@ihub/plugin-kit';
import { startSlapd, type SlapdServer } from '../../../test/fakes/ldap';
import { connector, listAll, openContext, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from './support/directory';

const PEOPLE = 'ou=people,dc=example,dc=com';
// slapd checks for idle connections every quarter of the timeout: 3 s is well past 1 s.
const idle = () => new Promise((resolve) => setTimeout(resolve, 3000));

describe('ldap sessions: connections the server closes', () => {
  let server: SlapdServer;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({ idleTimeout: 1, entries: ['ada', 'grace', 'linus'].map((uid) => person(PEOPLE, uid)) });
  });
  after(() => server?.stop());

  it('opens and binds the shared connection again after the server closed it for idleness', async () => {
    const { ctx, close } = await openContext(openLdapConfig(server));
    try {
      const first = await connector.entities.user.get!(ctx, (await listAll(ctx, 'user', null)).records[0].id);
      await idle();
      const again = await connector.entities.user.get!(ctx, first!.id);
      assert.deepEqual(again, first);
    } finally {
      await close();
    }
  });

  it('fails the page of a pass whose connection the server closed, retryably, and starts the pass again from the same cursor', async () => {
    const { ctx, close } = await openContext(openLdapConfig(server, { pageSize: 1 }));
    const list = connector.entities.user.list!;
    try {
      const first = await list(ctx, { cursor: null, pageSize: 1 });
      await idle();
      await assert.rejects(list(ctx, { cursor: first.cursor, pageSize: 1 }), (err: HubError) => {
        assert.equal(err.retryable, true);
        assert.match(err.message, /Connection closed/);
        return true;
      });
      const restarted = await list(ctx, { cursor: first.cursor, pageSize: 1 });
      assert.notEqual(restarted.snapshot, first.snapshot);
      assert.deepEqual(restarted.records.map((r) => r.id), first.records.map((r) => r.id));
    } finally {
      await close();
    }
  });
});
