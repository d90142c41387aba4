import assert from 'node:assert/strict';
import { startSlapd, type SlapdServer } from '../../../../test/fakes/ldap';
import { cursorState, listAll, openContext, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from '../support/directory';

const PEOPLE = 'ou=people,dc=example,dc=com';

describe('ldap users: incremental reads from an OpenLDAP without contextCSN (no syncprov)', () => {
  let server: SlapdServer;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({ contextCSN: false, entries: ['ada', 'grace', 'linus'].map((uid) => person(PEOPLE, uid)) });
  });
  after(() => server?.stop());

  it('learns the mark from the newest entryCSN it read, and reads only what changed after it', async () => {
    const { ctx, close } = await openContext(openLdapConfig(server));
    try {
      const first = await listAll(ctx, 'user', null);
      const newest = (await Promise.all(['ada', 'grace', 'linus'].map(async (uid) => (await server.read(`uid=${uid},${PEOPLE}`))!.attributes.entryCSN[0].toString()))).sort().pop();
      assert.deepEqual(cursorState(first.cursor).mark, { csn: [newest] });

      assert.deepEqual((await listAll(ctx, 'user', first.cursor)).records, []);
      await server.modify(`uid=grace,${PEOPLE}`, { title: 'Rear Admiral' });
      const delta = await listAll(ctx, 'user', first.cursor);
      assert.deepEqual(delta.records.map((r) => r.data.uid), ['grace']);
      assert.equal(delta.pages[0].snapshot, undefined);
      assert.notDeepEqual(cursorState(delta.cursor).mark, cursorState(first.cursor).mark);
    } finally {
      await close();
    }
  });
});
