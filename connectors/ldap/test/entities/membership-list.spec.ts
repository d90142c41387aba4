import assert from 'node:assert/strict';
import { startSlapd, type SlapdServer } from '../../../../test/fakes/ldap';
import { groupOfNames, listAll, openContext, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from '../support/directory';

const PEOPLE = 'ou=people,dc=example,dc=com';
const GROUPS = 'ou=groups,dc=example,dc=com';
const dn = (uid: string) => `uid=${uid},${PEOPLE}`;

describe('ldap memberships: listing from OpenLDAP', () => {
  let server: SlapdServer;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({
      entries: [
        ...['ada', 'grace', 'linus', 'ken'].map((uid) => person(PEOPLE, uid)),
        groupOfNames(GROUPS, 'admins', [dn('ada'), dn('grace')]),
        groupOfNames(GROUPS, 'staff', [dn('ada'), dn('grace'), dn('linus'), dn('ken'), dn('ghost')]),
        groupOfNames(GROUPS, 'placeholder', ['']),
        groupOfNames(GROUPS, 'nested', [`cn=admins,${GROUPS}`]),
      ],
    });
  });
  after(() => server?.stop());

  const context = () => openContext(openLdapConfig(server));
  const idOf = async (entryDN: string): Promise<string> => (await server.read(entryDN))!.attributes.entryUUID[0].toString();

  it('lists one record per group and member, with id <groupId>|<memberId>; groups may be members', async () => {
    const { ctx, close } = await context();
    try {
      const { records, pages } = await listAll(ctx, 'membership', null, 3);
      const admins = await idOf(`cn=admins,${GROUPS}`);
      const ada = await idOf(dn('ada'));
      const pair = records.find((r) => r.id === `${admins}|${ada}`);
      assert.deepEqual(pair?.data, { groupId: admins, memberId: ada, groupDN: `cn=admins,${GROUPS}`, memberDN: dn('ada') });
      const nested = await idOf(`cn=nested,${GROUPS}`);
      assert.ok(records.some((r) => r.id === `${nested}|${admins}`));
      assert.equal(new Set(pages.map((p) => p.snapshot)).size, 1);
      assert.equal(records.filter((r) => !r.invalid).length, 7);
    } finally {
      await close();
    }
  });

  it('reads a member DN that names no entry as a failed record next to the group\'s good pairs, and the empty placeholder DN as no member', async () => {
    const { ctx, close } = await context();
    try {
      const { records } = await listAll(ctx, 'membership', null, 50);
      const invalid = records.filter((r) => r.invalid);
      assert.deepEqual(invalid.map((r) => r.data.memberDN), [dn('ghost')]);
      assert.equal(invalid[0].invalid!.code, 'IHUB_RECORD_INVALID');
      assert.equal(invalid[0].id, `${await idOf(`cn=staff,${GROUPS}`)}|dn:${dn('ghost')}`);
      assert.ok(!records.some((r) => r.data.groupDN === `cn=placeholder,${GROUPS}`));
    } finally {
      await close();
    }
  });

  it('lists nothing when no group changed, even though a user did', async () => {
    const { ctx, close } = await context();
    try {
      const first = await listAll(ctx, 'membership', null, 50);
      await server.modify(dn('ken'), { displayName: 'Ken T' });
      const again = await listAll(ctx, 'membership', first.cursor, 50);
      assert.deepEqual(again.records, []);
      assert.equal(again.pages[0].snapshot, undefined);
    } finally {
      await close();
    }
  });

  it('reads every pair again, as a complete pass without the removed member, once a group changed', async () => {
    const { ctx, close } = await context();
    try {
      const first = await listAll(ctx, 'membership', null, 50);
      await server.removeValues(`cn=staff,${GROUPS}`, 'member', [dn('ken')]);
      const again = await listAll(ctx, 'membership', first.cursor, 50);
      assert.ok(again.pages[0].snapshot);
      assert.notEqual(again.pages[0].snapshot, first.pages[0].snapshot);
      assert.equal(again.records.length, first.records.length - 1);
      assert.ok(!again.records.some((r) => r.data.groupDN === `cn=staff,${GROUPS}` && r.data.memberDN === dn('ken')));
    } finally {
      await close();
    }
  });
});
