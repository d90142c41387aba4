import { describeConnectorConformance } from '@ihub/plugin-kit';
import { startSlapd } from '../../../test/fakes/ldap';
import { connector, groupOfNames, openLdapConfig, person, SLAPD_START_TIMEOUT_MS } from './support/directory';

const PEOPLE = 'ou=people,dc=example,dc=com';
const GROUPS = 'ou=groups,dc=example,dc=com';

/** A slapd with five people and two groups, stopped by the cleanup. */
async function directory(): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const uids = ['ada', 'grace', 'linus', 'ken', 'barbara'];
  const server = await startSlapd({
    entries: [...uids.map((uid) => person(PEOPLE, uid)), groupOfNames(GROUPS, 'admins', [`uid=ada,${PEOPLE}`, `uid=ken,${PEOPLE}`]), groupOfNames(GROUPS, 'staff', [`uid=grace,${PEOPLE}`])],
  });
  return { config: openLdapConfig(server), cleanup: () => server.stop() };
}

const base = { urls: ['ldap://127.0.0.1:389'], dialect: 'openldap', bindDN: 'cn=admin,dc=example,dc=com', password: 'x', baseDN: 'dc=example,dc=com' };
const sameDN = 'the create data names the entry (uid={uid}), so this check would meet the entry round-trip created; a retried create finding its entry is checked in provisioning.spec.ts';

describe('OpenLDAP dialect, on slapd', function () {
  // The suite's before hook starts slapd; see SLAPD_START_TIMEOUT_MS.
  this.timeout(SLAPD_START_TIMEOUT_MS);
  describeConnectorConformance(connector, {
    validConfig: directory,
    invalidConfigs: [
      { config: { ...base, urls: [] }, reason: 'no server URL' },
      { config: { ...base, urls: ['http://127.0.0.1:389'] }, reason: 'a URL that is not ldap:// or ldaps://' },
      { config: { ...base, urls: ['ldap://host/dc=example,dc=com'] }, reason: 'a URL with a DN in it' },
      { config: { ...base, dialect: 'novell' }, reason: 'an unknown dialect' },
      { config: { ...base, password: '' }, reason: 'an empty password' },
      { config: { ...base, urls: ['ldaps://127.0.0.1:636'], tls: { startTLS: true } }, reason: 'StartTLS on an ldaps:// URL' },
      { config: { ...base, tls: { caCert: 'not a pem' } }, reason: 'a CA certificate that is not PEM' },
      { config: { ...base, users: { filter: '(&(objectClass=person)' } }, reason: 'a users filter with unbalanced parentheses' },
      { config: { ...base, users: { dnTemplate: 'ou=people,{base}' } }, reason: 'a DN template without an attribute placeholder in its first RDN' },
      { config: { ...base, maxDeleteShare: 1.5 }, reason: 'a delete share above 1' },
      { config: { ...base, ad: { serverStateDN: '' } }, reason: 'AD settings with the openldap dialect' },
      { config: { ...base, dialect: 'ad', disable: { attribute: 'nsAccountLock', value: 'TRUE' } }, reason: 'an OpenLDAP disable flag with the ad dialect' },
      { config: { ...base, extra: true }, reason: 'an unknown field' },
    ],
    secrets: ['password'],
    failingConfig: async () => {
      const { config, cleanup } = await directory();
      return { config: { ...config, password: 'wrong' }, cleanup };
    },
    entities: {
      user: {
        list: { minRecords: 5 },
        roundTrip: { create: { uid: 'conformance', cn: 'Conformance Check', sn: 'Check', mail: 'check@example.com' }, update: { mail: 'checked@example.com', displayName: 'Checked' } },
      },
      group: {
        list: { minRecords: 2 },
        roundTrip: { create: { cn: 'conformance', member: [`uid=ada,${PEOPLE}`] }, update: { description: 'made by the conformance suite' } },
      },
      membership: { list: { minRecords: 3 } },
    },
    skip: {
      'idempotent-create:user': sameDN,
      'idempotent-create:group': sameDN.replace('uid={uid}', 'cn={cn}'),
      'round-trip:membership': 'a membership is a pair without fields, so it has no update; create and delete are checked in provisioning.spec.ts',
      'idempotent-create:membership': 'the suite creates through create and update, and memberships have no update; adding a member twice is checked in provisioning.spec.ts',
    },
  });
});
