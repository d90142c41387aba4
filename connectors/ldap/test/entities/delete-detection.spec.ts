import assert from 'node:assert/strict';
import type { HubError, ListPage } from '@ihub/plugin-kit';
import { startSlapd, type SlapdServer } from '../../../../test/fakes/ldap';
import { connector, cursorState, listAll, openContext, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from '../support/directory';

const PEOPLE = 'ou=people,dc=example,dc=com';
const uids = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}`);

describe('ldap users: deletions found by complete passes, within the delete threshold', () => {
  let server: SlapdServer;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({ entries: uids.map((uid) => person(PEOPLE, uid)) });
  });
  after(() => server?.stop());

  // Every pass complete, so that each list shows what a complete pass does.
  const context = (maxDeleteShare: number) => openContext(openLdapConfig(server, { fullScanIntervalMinutes: 0, maxDeleteShare }));
  const deleteUsers = async (names: string[]) => {
    for (const uid of names) await server.delete(`uid=${uid},${PEOPLE}`);
  };
  let cursor: string | null = null;

  it('leaves deleted users out of the next complete pass when they are within the threshold, for the hub to delete', async () => {
    const { ctx, close } = await context(0.25);
    try {
      const first = await listAll(ctx, 'user', null, 7);
      assert.equal(first.records.length, 20);
      const ids = new Map(first.records.map((r) => [r.data.uid, r.id]));
      await deleteUsers(['p00', 'p01', 'p02']);

      const second = await listAll(ctx, 'user', first.cursor, 7);
      assert.equal(second.records.length, 17);
      for (const uid of ['p00', 'p01', 'p02']) assert.ok(!second.records.some((r) => r.id === ids.get(uid)), `${uid} is still listed`);
      assert.ok(second.pages.every((p) => p.snapshot === second.pages[0].snapshot && p.snapshot !== first.pages[0].snapshot));
      assert.equal(cursorState(second.cursor).count, 17);
      cursor = second.cursor;
    } finally {
      await close();
    }
  });

  it('refuses, before the last page, a complete pass that lost more than maxDeleteShare of the records, and again on retry', async () => {
    await deleteUsers(['p03', 'p04', 'p05', 'p06', 'p07']);
    const { ctx, close } = await context(0.25);
    const list = connector.entities.user.list!;
    try {
      const served: ListPage[] = [];
      const refused = (err: HubError) => {
        assert.equal(err.code, 'IHUB_LDAP_DELETE_THRESHOLD');
        assert.equal(err.retryable, false);
        assert.deepEqual(err.data, { entity: 'user', previous: 17, deleting: 5, threshold: 0.25 });
        return true;
      };
      await assert.rejects(async () => {
        for (let c = cursor; ; ) {
          const page = await list(ctx, { cursor: c, pageSize: 5 });
          served.push(page);
          c = page.cursor;
        }
      }, refused);
      assert.ok(served.length > 0 && served.every((p) => p.hasMore), 'the refusal must come instead of the last page');
      await assert.rejects(listAll(ctx, 'user', cursor, 5), refused);
    } finally {
      await close();
    }
  });

  it('lets the same pass through once maxDeleteShare allows it', async () => {
    const { ctx, close } = await context(0.5);
    try {
      const pass = await listAll(ctx, 'user', cursor, 5);
      assert.equal(pass.records.length, 12);
      assert.ok(pass.pages[0].snapshot);
    } finally {
      await close();
    }
  });

  it('lists what there is on a full read (no cursor), which has no earlier pass to compare with', async () => {
    await deleteUsers(['p08', 'p09', 'p10', 'p11', 'p12', 'p13', 'p14']);
    const { ctx, close } = await context(0.25);
    try {
      assert.equal((await listAll(ctx, 'user', null, 5)).records.length, 5);
    } finally {
      await close();
    }
  });
});
