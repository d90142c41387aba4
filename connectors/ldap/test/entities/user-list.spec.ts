import assert from 'node:assert/strict';
import { ConfigInvalidError, HubError } from '@ihub/plugin-kit';
import { startSlapd, type SlapdServer } from '../../../../test/fakes/ldap';
import { connector, cursorState, listAll, nextSecond, openContext, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from '../support/directory';

const PEOPLE = 'ou=people,dc=example,dc=com';
const uids = Array.from({ length: 250 }, (_, i) => `u${String(i).padStart(3, '0')}`);
// Both readers have the server's size limit of 100; only `pager` may page past it.
const pager = `uid=pager,${PEOPLE}`;
const capped = `uid=capped,${PEOPLE}`;

describe('ldap users: listing from OpenLDAP', () => {
  let server: SlapdServer;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({
      entries: [...uids.map((uid) => person(PEOPLE, uid)), person(PEOPLE, 'pager'), person(PEOPLE, 'capped'), person(PEOPLE, 'locked', { pwdAccountLockedTime: '000001010000Z' })],
      sizeLimit: '100',
      limits: [`dn.exact="${pager}" size.soft=100 size.hard=100 size.prtotal=unlimited`],
    });
  });
  after(() => server?.stop());

  const context = (overrides: Record<string, unknown> = {}) => openContext(openLdapConfig(server, overrides));

  it('reads all 253 users in pages of 50 (LDAP pages of 50) through a bind DN whose size limit is 100', async () => {
    const { ctx, close } = await context({ bindDN: pager, password: 'pw-pager', pageSize: 50 });
    try {
      const read = await listAll(ctx, 'user', null, 50);
      assert.equal(read.records.length, 253);
      assert.equal(new Set(read.records.map((r) => r.id)).size, 253);
      assert.deepEqual(read.pages.map((p) => p.records.length), [50, 50, 50, 50, 50, 3]);
      assert.deepEqual(read.pages.map((p) => p.hasMore), [true, true, true, true, true, false]);
      assert.equal(new Set(read.pages.map((p) => p.snapshot)).size, 1);
      assert.ok(read.pages[0].snapshot);
    } finally {
      await close();
    }
  });

  it('fails with a non-retryable error naming the size limit when the server cuts the paged read', async () => {
    const { ctx, close } = await context({ bindDN: capped, password: 'pw-capped', pageSize: 50 });
    try {
      await assert.rejects(listAll(ctx, 'user', null, 50), (err: HubError) => {
        assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
        assert.equal(err.retryable, false);
        assert.equal(err.data.resultCode, 4);
        assert.match(err.message, /size\.prtotal=unlimited/);
        return true;
      });
    } finally {
      await close();
    }
  });

  it('reads the entryUUID as id, the configured attributes (null when absent), `disabled` from the ppolicy lock and updatedAt', async () => {
    const { ctx, close } = await context();
    try {
      const { records } = await listAll(ctx, 'user', null, 500, '(|(uid=u001)(uid=locked))');
      const byUid = new Map(records.map((r) => [r.data.uid, r]));
      const u001 = byUid.get('u001')!;
      assert.match(u001.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.deepEqual(u001.data, { dn: `uid=u001,${PEOPLE}`, uid: 'u001', cn: 'Person u001', sn: 'u001', givenName: null, displayName: null, mail: 'u001@example.com', disabled: false });
      assert.ok(!Number.isNaN(Date.parse(u001.updatedAt!)));
      assert.equal(byUid.get('locked')!.data.disabled, true);
    } finally {
      await close();
    }
  });

  it('lists nothing, without a snapshot, when nothing changed since the last pass', async () => {
    const { ctx, close } = await context();
    try {
      const first = await listAll(ctx, 'user', null, 500);
      const again = await listAll(ctx, 'user', first.cursor, 500);
      assert.deepEqual(again.records, []);
      assert.equal(again.pages[0].snapshot, undefined);
      assert.deepEqual(cursorState(again.cursor).mark, cursorState(first.cursor).mark);
    } finally {
      await close();
    }
  });

  it('reads a change made in the same second as the mark, but not the change the mark already covers', async () => {
    const { ctx, close } = await context();
    const filter = '(|(uid=u010)(uid=u011))';
    try {
      await nextSecond();
      await server.modifyAll([
        [`uid=u010,${PEOPLE}`, { displayName: 'Before the mark' }],
        [`uid=u011,${PEOPLE}`, { displayName: 'After the mark' }],
      ]);
      const [before, after] = await Promise.all(['u010', 'u011'].map(async (uid) => (await server.read(`uid=${uid},${PEOPLE}`))!.attributes));
      assert.equal(before.modifyTimestamp[0].toString(), after.modifyTimestamp[0].toString(), 'both changes must fall in one second for this test to mean anything');
      // As if the last pass had started between the two changes: its mark is the first change's CSN.
      const first = await listAll(ctx, 'user', null, 10, filter);
      const cursor = JSON.stringify({ ...cursorState(first.cursor), mark: { csn: [before.entryCSN[0].toString()] } });

      const delta = await listAll(ctx, 'user', cursor, 10, filter);
      assert.deepEqual(delta.records.map((r) => [r.data.uid, r.data.displayName]), [['u011', 'After the mark']]);
      assert.equal(delta.pages[0].snapshot, undefined);
      assert.deepEqual((await listAll(ctx, 'user', delta.cursor, 10, filter)).records, []);
    } finally {
      await close();
    }
  });

  it('starts the pass again, as a new snapshot, when its cursor comes to a process that does not hold the pass', async () => {
    const one = await context();
    const list = connector.entities.user.list!;
    const first = await list(one.ctx, { cursor: null, pageSize: 10 });
    await one.close();

    const two = await context();
    try {
      const resumed = await list(two.ctx, { cursor: first.cursor, pageSize: 10 });
      assert.deepEqual(resumed.records.map((r) => r.id), first.records.map((r) => r.id));
      assert.ok(resumed.snapshot);
      assert.notEqual(resumed.snapshot, first.snapshot);
      assert.match(two.logger.infos.join('\n'), /pass of this cursor is gone/);
    } finally {
      await two.close();
    }
  });

  it('starts the pass again when the hub asks for a page the pass has gone past (a run failed after reading ahead)', async () => {
    const { ctx, close } = await context();
    const list = connector.entities.user.list!;
    try {
      const first = await list(ctx, { cursor: null, pageSize: 10 });
      const second = await list(ctx, { cursor: first.cursor, pageSize: 10 });
      assert.equal(second.snapshot, first.snapshot);
      const again = await list(ctx, { cursor: first.cursor, pageSize: 10 });
      assert.notEqual(again.snapshot, first.snapshot);
      assert.deepEqual(again.records.map((r) => r.id), first.records.map((r) => r.id));
    } finally {
      await close();
    }
  });

  it('makes a complete pass when the flow filter changed, and at every pass with fullScanIntervalMinutes 0', async () => {
    const { ctx, close } = await context();
    try {
      const first = await listAll(ctx, 'user', null, 500, '(uid=u00*)');
      const refiltered = await listAll(ctx, 'user', first.cursor, 500, '(uid=u01*)');
      assert.equal(refiltered.records.length, 10);
      assert.ok(refiltered.pages[0].snapshot);
    } finally {
      await close();
    }
    const always = await context({ fullScanIntervalMinutes: 0 });
    try {
      const first = await listAll(always.ctx, 'user', null, 500, '(uid=u00*)');
      const again = await listAll(always.ctx, 'user', first.cursor, 500, '(uid=u00*)');
      assert.equal(again.records.length, 10);
      assert.ok(again.pages[0].snapshot);
      assert.notEqual(again.pages[0].snapshot, first.pages[0].snapshot);
    } finally {
      await always.close();
    }
  });

  it('rejects a flow filter that is not an LDAP filter as a config error of the flow', async () => {
    const { ctx, close } = await context();
    try {
      await assert.rejects(listAll(ctx, 'user', null, 10, '(uid=u00*'), (err: unknown) => err instanceof ConfigInvalidError && /filter/.test(err.message));
    } finally {
      await close();
    }
  });
});
