import assert from 'node:assert/strict';
import type { HubError } from '@ihub/plugin-kit';
import { adGuidString, startSlapd, type SlapdServer } from '../../../../test/fakes/ldap';
import { adConfig, adGroup, adUser, connector, openContext, SLAPD_START_TIMEOUT_MS } from '../support/directory';
import type { LdapContext } from '../../src/entities/list-passes';

const PEOPLE = 'ou=people,dc=example,dc=com';
const GROUPS = 'ou=groups,dc=example,dc=com';
const cn = (name: string) => `cn=${name},${PEOPLE}`;
const { user, membership } = connector.entities;

describe('ldap provisioning on Active Directory (emulated): userAccountControl, members, creates', () => {
  let server: SlapdServer;
  let ctx: LdapContext;
  let close: () => Promise<void>;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({
      dialect: 'ad',
      // 66048: NORMAL_ACCOUNT with DONT_EXPIRE_PASSWORD, a flag that disabling must keep.
      entries: [adUser(PEOPLE, 'Ada', { userAccountControl: '66048' }), adUser(PEOPLE, 'Grace'), adGroup(GROUPS, 'Admins', [cn('Ada')])],
    });
    ({ ctx, close } = await openContext(adConfig(server)));
  });
  after(async () => {
    await close?.();
    await server?.stop();
  });

  const values = async (dn: string, attribute: string): Promise<string[] | undefined> => (await server.read(dn))?.attributes[attribute]?.map(String);
  const guidOf = async (dn: string): Promise<string> => adGuidString((await server.read(dn))!.attributes.objectGUID[0]);

  it('disables a user by setting the ACCOUNTDISABLE bit of userAccountControl, keeping its other flags, and enables it again', async () => {
    const id = await guidOf(cn('Ada'));
    await user.update!(ctx, id, { disabled: true });
    assert.deepEqual(await values(cn('Ada'), 'userAccountControl'), [String(66048 | 2)]);
    assert.equal((await user.get!(ctx, id))?.data.disabled, true);
    await user.update!(ctx, id, { disabled: false });
    assert.deepEqual(await values(cn('Ada'), 'userAccountControl'), ['66048']);
  });

  it('modifies attributes of a user found by its GUID, leaving its unchanged naming attribute out of the modification', async () => {
    await user.update!(ctx, await guidOf(cn('Grace')), { cn: 'Grace', mail: 'grace@corp.example', displayName: 'Grace Hopper' });
    assert.deepEqual(await values(cn('Grace'), 'mail'), ['grace@corp.example']);
    assert.deepEqual(await values(cn('Grace'), 'displayName'), ['Grace Hopper']);
  });

  it('adds and removes a group member by GUIDs', async () => {
    const admins = await guidOf(`cn=Admins,${GROUPS}`);
    const grace = await guidOf(cn('Grace'));
    const created = await membership.create!(ctx, { groupId: admins, memberId: grace }, { correlationId: 'm1', mayExist: false });
    assert.equal(created.id, `${admins}|${grace}`);
    assert.deepEqual(await values(`cn=Admins,${GROUPS}`, 'member'), [cn('Ada'), cn('Grace')]);
    await membership.delete!(ctx, created.id);
    assert.deepEqual(await values(`cn=Admins,${GROUPS}`, 'member'), [cn('Ada')]);
  });

  it('finds the existing entry of a retried create by the DN the CN template names', async () => {
    const retried = await user.create!(ctx, { cn: 'Grace', sn: 'Hopper' }, { correlationId: 'u1', mayExist: true });
    assert.equal(retried.id, await guidOf(cn('Grace')));
  });

  it('creates a user at CN={cn} disabled (AD will not enable an account without a password), and reports a directory that assigns no objectGUID', async () => {
    // slapd leaves objectGUID to its clients, where a DC assigns one: the create is made, its id cannot be.
    await assert.rejects(user.create!(ctx, { cn: 'Linus', sn: 'Torvalds', sAMAccountName: 'linus' }, { correlationId: 'u2', mayExist: false }), (err: HubError) => {
      assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
      assert.match(err.message, /has no objectGUID/);
      return true;
    });
    assert.deepEqual(await values(cn('Linus'), 'userAccountControl'), ['514']);
    assert.deepEqual(await values(cn('Linus'), 'objectClass'), ['top', 'person', 'organizationalPerson', 'user']);
  });

  it('deletes a user found by its GUID', async () => {
    await user.delete!(ctx, await guidOf(cn('Grace')));
    assert.equal(await server.read(cn('Grace')), null);
  });
});
