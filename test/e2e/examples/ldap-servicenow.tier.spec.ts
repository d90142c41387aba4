import assert from 'node:assert/strict';
import { DEFAULT_TABLES, startServiceNowFake, type ServiceNowFake } from '../../fakes/servicenow';
import { startSlapd, type LdifEntry, type SlapdServer } from '../../fakes/ldap';
import { ExampleHub } from './example-hub';
import { ldapVars, servicenowVars } from './example-env';

const PEOPLE = 'ou=people,dc=example,dc=com';
const person = (uid: string, givenName: string, sn: string, title: string): LdifEntry => ({
  dn: `uid=${uid},${PEOPLE}`,
  attributes: { objectClass: 'inetOrgPerson', uid, givenName, sn, cn: `${givenName} ${sn}`, mail: `${uid}@example.com`, title, userPassword: `pw-${uid}` },
});
// The flag the connector's openldap dialect disables an account with (ppolicy's permanent lock).
const LOCKED = { pwdAccountLockedTime: '000001010000Z' };

describe('example ldap-servicenow: directory users → ServiceNow users', function () {
  // slapd starts in well under a second, but has been seen to take tens of seconds on a busy machine.
  this.timeout(120_000);
  let ldap: SlapdServer;
  let snow: ServiceNowFake;
  let example: ExampleHub;

  beforeEach(async () => {
    ldap = await startSlapd({ entries: [person('ada', 'Ada', 'Lovelace', 'Analyst'), person('grace', 'Grace', 'Hopper', 'Rear admiral'), person('alan', 'Alan', 'Turing', 'Cryptanalyst'), person('edsger', 'Edsger', 'Dijkstra', 'Programmer')] });
    // As the example's README asks: a string field u_ihub_id on sys_user for idempotent creates.
    snow = await startServiceNowFake({ tables: { sys_user: { ...DEFAULT_TABLES.sys_user, columns: [...DEFAULT_TABLES.sys_user.columns, 'u_ihub_id'] } } });
    example = await ExampleHub.create('ldap-servicenow', { ...ldapVars(ldap), ...servicenowVars(snow) });
  });
  afterEach(async () => {
    await example?.dispose();
    await Promise.all([ldap?.stop(), snow?.close()]);
  });

  const users = () => Object.fromEntries(snow.tables.all('sys_user').map((u) => [u.user_name, u]));
  const sync = (full = false) => example.sync('directory-users-to-servicenow', { full });

  it('provisions every directory user as an active ServiceNow user carrying the hub id', async () => {
    const [run] = await sync();
    assert.equal(run.status, 'completed', JSON.stringify(run.errors));
    assert.equal(run.counts.created, 4);
    const ada = users().ada;
    assert.deepEqual([ada.first_name, ada.last_name, ada.name, ada.email, ada.title, ada.active], ['Ada', 'Lovelace', 'Ada Lovelace', 'ada@example.com', 'Analyst', 'true']);
    assert.match(ada.u_ihub_id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.keys(users()).sort(), ['ada', 'alan', 'edsger', 'grace']);
  });

  it('deactivates a user disabled in the directory, updates a changed one, and provisions a new one', async () => {
    await sync();
    await ldap.modify(`uid=grace,${PEOPLE}`, LOCKED);
    await ldap.modify(`uid=edsger,${PEOPLE}`, { title: 'Professor' });
    await ldap.add(`uid=barbara,${PEOPLE}`, { objectClass: 'inetOrgPerson', uid: 'barbara', givenName: 'Barbara', sn: 'Liskov', cn: 'Barbara Liskov', mail: 'barbara@example.com', title: 'Professor' });

    const [run] = await sync();
    assert.deepEqual([run.counts.created, run.counts.updated], [1, 2]);
    assert.equal(users().grace.active, 'false');
    assert.equal(users().edsger.title, 'Professor');
    assert.equal(users().barbara.active, 'true');

    await ldap.modify(`uid=grace,${PEOPLE}`, { pwdAccountLockedTime: null });
    await sync();
    assert.equal(users().grace.active, 'true', 'enabled again');
  });

  it('deactivates, and keeps, a user removed from the directory once a complete pass sees it gone', async () => {
    await sync();
    await ldap.delete(`uid=alan,${PEOPLE}`);

    const [run] = await sync(true);
    assert.equal(run.counts.deleted, 1);
    assert.equal(users().alan.active, 'false', 'deactivated, not deleted: tasks keep referring to their users');
    assert.equal(snow.tables.count('sys_user'), 4);
    assert.equal(snow.requests.filter((r) => r.method === 'DELETE').length, 0);

    const [again] = await sync(true);
    assert.deepEqual([again.counts.created, again.counts.updated, again.counts.deleted], [0, 0, 0]);
  });
});
