import assert from 'node:assert/strict';
import type { HubError } from '@ihub/plugin-kit';
import { adGuidString, startSlapd, type SlapdServer } from '../../../../test/fakes/ldap';
import { adConfig, adGroup, adUser, cursorState, listAll, openContext, SLAPD_START_TIMEOUT_MS } from '../support/directory';

const BASE = 'dc=example,dc=com';
const PEOPLE = `ou=people,${BASE}`;
const GROUPS = `ou=groups,${BASE}`;
const names = ['Ada', 'Grace', 'Linus', 'Ken', 'Barbara', 'Edsger', 'Donald', 'Alan', 'Margaret', 'John'];

describe('ldap on Active Directory (emulated): ids, USN change tracking, DC changes and tombstones', () => {
  let server: SlapdServer;
  const guidOf = async (dn: string): Promise<string> => adGuidString((await server.read(dn))!.attributes.objectGUID[0]);

  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({
      dialect: 'ad',
      entries: [
        ...names.map((n) => adUser(PEOPLE, n)),
        adUser(PEOPLE, 'NoGuid', { objectGUID: [] }),
        adUser(PEOPLE, 'ShortGuid', { objectGUID: [Buffer.alloc(15, 7)] }),
        { dn: `ou=contractors,${BASE}`, attributes: { objectClass: 'organizationalUnit', ou: 'contractors' } },
        adUser(`ou=contractors,${BASE}`, 'Outsider'),
        adGroup(GROUPS, 'Admins', [`cn=Ada,${PEOPLE}`, `cn=Grace,${PEOPLE}`]),
        adGroup(GROUPS, 'Staff', ['Ada', 'Grace', 'Linus', 'Ken', 'Barbara'].map((n) => `cn=${n},${PEOPLE}`)),
        adGroup(GROUPS, 'Empty', []),
      ],
    });
  });
  after(() => server?.stop());

  const context = (overrides: Record<string, unknown> = {}) => openContext(adConfig(server, overrides));

  it('uses objectGUID in AD string form as the id, and reads `disabled` from userAccountControl', async () => {
    await server.modify(`cn=Ken,${PEOPLE}`, { userAccountControl: '514' });
    const { ctx, close } = await context();
    try {
      const { records } = await listAll(ctx, 'user', null, 5);
      const ada = records.find((r) => r.data.cn === 'Ada')!;
      assert.equal(ada.id, await guidOf(`cn=Ada,${PEOPLE}`));
      assert.equal(ada.data.sAMAccountName, 'ada');
      assert.equal(ada.data.disabled, false);
      assert.equal(records.find((r) => r.data.cn === 'Ken')!.data.disabled, true);
      assert.ok(!Number.isNaN(Date.parse(ada.updatedAt!)));
    } finally {
      await close();
    }
  });

  it('reads an entry without a usable objectGUID as a record that failed, next to the good ones', async () => {
    const { ctx, close } = await context();
    try {
      const { records } = await listAll(ctx, 'user', null, 5);
      const invalid = records.filter((r) => r.invalid);
      assert.deepEqual(invalid.map((r) => r.id).sort(), [`dn:cn=NoGuid,${PEOPLE}`, `dn:cn=ShortGuid,${PEOPLE}`]);
      assert.ok(invalid.every((r) => r.invalid!.code === 'IHUB_RECORD_INVALID' && /objectGUID/.test(r.invalid!.message)));
      assert.equal(records.filter((r) => !r.invalid).length, names.length);
    } finally {
      await close();
    }
  });

  it('reads exactly the entries changed since the highestCommittedUSN of the last pass, and nothing when it has not moved', async () => {
    const { ctx, close } = await context();
    try {
      const first = await listAll(ctx, 'user', null, 50);
      const mark = cursorState(first.cursor).mark as { usn: string; invocationId: string };
      assert.equal(mark.usn, String(server.ad!.highestCommittedUSN()));
      assert.match(mark.invocationId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      await server.modify(`cn=Linus,${PEOPLE}`, { displayName: 'Linus T' });
      const delta = await listAll(ctx, 'user', first.cursor, 50);
      assert.deepEqual(delta.records.map((r) => [r.data.cn, r.data.displayName]), [['Linus', 'Linus T']]);
      assert.equal(delta.pages[0].snapshot, undefined);
      assert.equal((cursorState(delta.cursor).mark as { usn: string }).usn, String(server.ad!.highestCommittedUSN()));
      const idle = await listAll(ctx, 'user', delta.cursor, 50);
      assert.deepEqual(idle.records, []);
    } finally {
      await close();
    }
  });

  it('makes a complete pass when another DC answers (its invocationId differs)', async () => {
    const { ctx, logger, close } = await context();
    try {
      const first = await listAll(ctx, 'user', null, 50);
      await server.ad!.switchDC();
      const after = await listAll(ctx, 'user', first.cursor, 50);
      assert.ok(after.pages[0].snapshot);
      assert.equal(after.records.length, first.records.length);
      assert.match(logger.infos.join('\n'), /invocationId/);
    } finally {
      await close();
    }
  });

  it('makes a complete pass when highestCommittedUSN went back (a restored DC, a USN rollback)', async () => {
    const { ctx, logger, close } = await context();
    const highest = server.ad!.highestCommittedUSN();
    try {
      const first = await listAll(ctx, 'user', null, 50);
      await server.ad!.setUSN(highest - 5n);
      const after = await listAll(ctx, 'user', first.cursor, 50);
      assert.ok(after.pages[0].snapshot);
      assert.equal(after.records.length, first.records.length);
      assert.match(logger.infos.join('\n'), /USN rollback/);
    } finally {
      // Entries changed above the rolled-back counter would look changed to the tests after this one.
      await server.ad!.setUSN(highest);
      await close();
    }
  });

  it('turns tombstones of users deleted since the mark into deleted records, leaving out other classes and other OUs', async () => {
    const { ctx, close } = await context();
    try {
      const first = await listAll(ctx, 'user', null, 50);
      const donald = await guidOf(`cn=Donald,${PEOPLE}`);
      await server.delete(`cn=Donald,${PEOPLE}`);
      await server.delete(`cn=Outsider,ou=contractors,${BASE}`);
      await server.delete(`cn=Empty,${GROUPS}`);
      const delta = await listAll(ctx, 'user', first.cursor, 50);
      assert.deepEqual(
        delta.records.map((r) => ({ id: r.id, deleted: r.deleted })),
        [{ id: donald, deleted: true }],
      );
    } finally {
      await close();
    }
  });

  it('refuses a run whose tombstones exceed maxDeleteShare of the last complete pass, before handing any out', async () => {
    const { ctx, close } = await context({ maxDeleteShare: 0.2 });
    try {
      const first = await listAll(ctx, 'user', null, 50);
      const previous = cursorState(first.cursor).count as number;
      for (const n of ['Alan', 'Margaret', 'John']) await server.delete(`cn=${n},${PEOPLE}`);
      await assert.rejects(listAll(ctx, 'user', first.cursor, 50), (err: HubError) => {
        assert.equal(err.code, 'IHUB_LDAP_DELETE_THRESHOLD');
        assert.deepEqual(err.data, { entity: 'user', previous, deleting: 3, threshold: 0.2 });
        return true;
      });
    } finally {
      await close();
    }
  });

  it('leaves deletions to the next complete pass, with a warning, when Deleted Objects cannot be read', async () => {
    const { ctx, logger, close } = await context({ ad: { serverStateDN: server.ad!.serverStateDN, deletedObjectsDN: `cn=Nowhere,${BASE}` } });
    try {
      const first = await listAll(ctx, 'user', null, 50);
      await server.delete(`cn=Edsger,${PEOPLE}`);
      const delta = await listAll(ctx, 'user', first.cursor, 50);
      assert.deepEqual(delta.records, []);
      assert.match(logger.warnings.join('\n'), /cannot read tombstones under 'cn=Nowhere/);
    } finally {
      await close();
    }
  });

  it('lists memberships by member GUID, and reads them again as a complete pass once a group is deleted', async () => {
    const { ctx, close } = await context();
    try {
      const first = await listAll(ctx, 'membership', null, 50);
      const admins = await guidOf(`cn=Admins,${GROUPS}`);
      const grace = await guidOf(`cn=Grace,${PEOPLE}`);
      assert.ok(first.records.some((r) => r.id === `${admins}|${grace}` && r.data.memberDN === `cn=Grace,${PEOPLE}`));
      assert.deepEqual((await listAll(ctx, 'membership', first.cursor, 50)).records, []);

      await server.delete(`cn=Admins,${GROUPS}`);
      const after = await listAll(ctx, 'membership', first.cursor, 50);
      assert.ok(after.pages[0].snapshot);
      assert.ok(!after.records.some((r) => r.id.startsWith(admins)));
    } finally {
      await close();
    }
  });
});
