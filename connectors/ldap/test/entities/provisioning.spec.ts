import assert from 'node:assert/strict';
import type { HubError } from '@ihub/plugin-kit';
import { startSlapd, type SlapdServer } from '../../../../test/fakes/ldap';
import { connector, groupOfNames, openContext, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from '../support/directory';
import type { LdapContext } from '../../src/entities/list-passes';

const PEOPLE = 'ou=people,dc=example,dc=com';
const GROUPS = 'ou=groups,dc=example,dc=com';
const dn = (uid: string) => `uid=${uid},${PEOPLE}`;
const { user, group, membership } = connector.entities;
const fresh = { correlationId: 'hub-record-1', mayExist: false };

describe('ldap provisioning on OpenLDAP: create, modify, disable, delete, group members', () => {
  let server: SlapdServer;
  let ctx: LdapContext;
  let close: () => Promise<void>;
  before(async function () {
    this.timeout(SLAPD_START_TIMEOUT_MS);
    server = await startSlapd({ entries: [person(PEOPLE, 'ada'), person(PEOPLE, 'grace'), groupOfNames(GROUPS, 'admins', [dn('ada')])] });
    ({ ctx, close } = await openContext(openLdapConfig(server)));
  });
  after(async () => {
    await close?.();
    await server?.stop();
  });

  const values = async (entryDN: string, attribute: string): Promise<string[] | undefined> => (await server.read(entryDN))?.attributes[attribute]?.map(String);
  const idOf = async (entryDN: string): Promise<string> => (await values(entryDN, 'entryUUID'))![0];
  /** Whether `uid` can bind with its password: what a disabled account must not do. */
  const canBind = async (uid: string): Promise<string> => {
    const other = await openContext(openLdapConfig(server, { bindDN: dn(uid), password: `pw-${uid}` }));
    try {
      const result = await connector.check(other.ctx);
      return result.ok ? 'binds' : result.message!.split(':')[0];
    } finally {
      await other.close();
    }
  };

  it('creates a user at the DN its template names, with the configured object classes, and returns its entryUUID', async () => {
    const result = await user.create!(ctx, { uid: 'linus', cn: 'Linus T', sn: 'Torvalds', mail: ['linus@example.com', 'lt@example.com'], dn: 'ignored' }, fresh);
    assert.equal(result.id, await idOf(dn('linus')));
    assert.deepEqual(await values(dn('linus'), 'objectClass'), ['inetOrgPerson']);
    assert.deepEqual(await values(dn('linus'), 'mail'), ['linus@example.com', 'lt@example.com']);
    assert.equal((await user.get!(ctx, result.id))?.data.cn, 'Linus T');
  });

  it('finds the entry of a create retried after a crash (mayExist) instead of failing or duplicating it', async () => {
    const first = await user.create!(ctx, { uid: 'ken', cn: 'Ken', sn: 'Thompson' }, fresh);
    const retried = await user.create!(ctx, { uid: 'ken', cn: 'Ken', sn: 'Thompson' }, { correlationId: 'hub-record-1', mayExist: true });
    assert.equal(retried.id, first.id);
  });

  it('fails a create whose DN is taken, when it cannot be a retry, as a conflict', async () => {
    await assert.rejects(user.create!(ctx, { uid: 'ada', cn: 'Another Ada', sn: 'Other' }, fresh), (err: HubError) => err.code === 'IHUB_CONFLICT' && err.data.dn === dn('ada'));
  });

  it('fails only the bad record of a batch: a missing naming attribute or a schema violation, next to a good create', async () => {
    const bad = [user.create!(ctx, { cn: 'No Uid', sn: 'x' }, fresh), user.create!(ctx, { uid: 'nosn', cn: 'No Surname' }, fresh)];
    const good = user.create!(ctx, { uid: 'barbara', cn: 'Barbara', sn: 'Liskov' }, fresh);
    const [noUid, noSn, created] = await Promise.allSettled([...bad, good]);
    assert.equal(noUid.status === 'rejected' && (noUid.reason as HubError).code, 'IHUB_RECORD_INVALID');
    assert.match(noUid.status === 'rejected' ? (noUid.reason as Error).message : '', /needs 'uid'/);
    assert.equal(noSn.status === 'rejected' && (noSn.reason as HubError).code, 'IHUB_RECORD_INVALID');
    assert.equal(created.status, 'fulfilled');
    assert.equal(await values(dn('nosn'), 'cn'), undefined);
  });

  it('modifies only the attributes that changed, removes the ones set to null, and leaves dn alone', async () => {
    const id = await idOf(dn('grace'));
    await server.modify(dn('grace'), { title: 'Rear Admiral' });
    await user.update!(ctx, id, { uid: 'grace', mail: 'grace.hopper@example.com', title: null, description: ['COBOL', 'compilers'], dn: `uid=elsewhere,${PEOPLE}` });
    assert.deepEqual(await values(dn('grace'), 'mail'), ['grace.hopper@example.com']);
    assert.equal(await values(dn('grace'), 'title'), undefined);
    assert.deepEqual((await values(dn('grace'), 'description'))?.sort(), ['COBOL', 'compilers']);
  });

  it('fails an update of an id that is no entry as not found', async () => {
    await assert.rejects(user.update!(ctx, '00000000-0000-0000-0000-000000000000', { mail: 'x@example.com' }), (err: HubError) => err.code === 'IHUB_NOT_FOUND');
  });

  it('disables a user with the ppolicy lock, so that it can no longer bind, and enables it again', async () => {
    const id = await idOf(dn('ada'));
    assert.equal(await canBind('ada'), 'binds');
    await user.update!(ctx, id, { disabled: true });
    assert.deepEqual(await values(dn('ada'), 'pwdAccountLockedTime'), ['000001010000Z']);
    assert.equal((await user.get!(ctx, id))?.data.disabled, true);
    assert.equal(await canBind('ada'), 'IHUB_UPSTREAM_AUTH');

    await user.update!(ctx, id, { disabled: false });
    assert.equal(await values(dn('ada'), 'pwdAccountLockedTime'), undefined);
    assert.equal(await canBind('ada'), 'binds');
  });

  it('creates a user disabled when the record says so', async () => {
    await user.create!(ctx, { uid: 'edsger', cn: 'Edsger', sn: 'Dijkstra', disabled: true }, fresh);
    assert.deepEqual(await values(dn('edsger'), 'pwdAccountLockedTime'), ['000001010000Z']);
  });

  it('deletes a user, and counts the delete of one already gone as done', async () => {
    const id = await idOf(dn('edsger'));
    await user.delete!(ctx, id);
    assert.equal(await server.read(dn('edsger')), null);
    await user.delete!(ctx, id);
  });

  it('adds a member to a group by ids and by DNs, and adding it again changes nothing', async () => {
    const admins = await idOf(`cn=admins,${GROUPS}`);
    const grace = await idOf(dn('grace'));
    const byId = await membership.create!(ctx, { groupId: admins, memberId: grace }, fresh);
    assert.equal(byId.id, `${admins}|${grace}`);
    const again = await membership.create!(ctx, { groupDN: `cn=admins,${GROUPS}`, memberDN: dn('grace') }, { ...fresh, mayExist: true });
    assert.equal(again.id, byId.id);
    assert.deepEqual(await values(`cn=admins,${GROUPS}`, 'member'), [dn('ada'), dn('grace')]);
    assert.deepEqual((await membership.get!(ctx, byId.id))?.data, { groupId: admins, memberId: grace, groupDN: `cn=admins,${GROUPS}`, memberDN: dn('grace') });
  });

  it('removes a member from a group, and counts removing it again as done', async () => {
    const id = `${await idOf(`cn=admins,${GROUPS}`)}|${await idOf(dn('grace'))}`;
    await membership.delete!(ctx, id);
    assert.deepEqual(await values(`cn=admins,${GROUPS}`, 'member'), [dn('ada')]);
    assert.equal(await membership.get!(ctx, id), null);
    await membership.delete!(ctx, id);
  });

  it('fails a membership whose member does not exist as not found, and one without a group as invalid', async () => {
    const admins = await idOf(`cn=admins,${GROUPS}`);
    await assert.rejects(membership.create!(ctx, { groupId: admins, memberId: '00000000-0000-0000-0000-000000000000' }, fresh), (err: HubError) => err.code === 'IHUB_NOT_FOUND');
    await assert.rejects(membership.create!(ctx, { memberDN: dn('ada') }, fresh), (err: HubError) => err.code === 'IHUB_RECORD_INVALID' && /groupId or groupDN/.test(err.message));
  });

  it('creates a group with its first member and changes its description', async () => {
    const created = await group.create!(ctx, { cn: 'editors', member: dn('ada'), description: 'first' }, fresh);
    await group.update!(ctx, created.id, { description: 'second' });
    assert.deepEqual(await values(`cn=editors,${GROUPS}`, 'description'), ['second']);
    assert.deepEqual(await values(`cn=editors,${GROUPS}`, 'member'), [dn('ada')]);
  });
});
