import { describeConnectorConformance } from '@ihub/plugin-kit';
import { startSlapd } from '../../../test/fakes/ldap';
import { adConfig, adGroup, adUser, connector, SLAPD_START_TIMEOUT_MS } from './support/directory';

const PEOPLE = 'ou=people,dc=example,dc=com';

/** The AD emulation with three users and a group, stopped by the cleanup. */
async function domain(): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const server = await startSlapd({
    dialect: 'ad',
    entries: [adUser(PEOPLE, 'Ada'), adUser(PEOPLE, 'Grace'), adUser(PEOPLE, 'Linus'), adGroup('ou=groups,dc=example,dc=com', 'Admins', [`cn=Ada,${PEOPLE}`, `cn=Grace,${PEOPLE}`])],
  });
  return { config: adConfig(server), cleanup: () => server.stop() };
}

const noGuid = 'slapd, which plays the DC here, does not give entries a client adds an objectGUID as AD does, so a create cannot return an id; AD writes are checked on seeded entries in provisioning-ad.spec.ts';
const pair = 'a membership is a pair without fields and has no update, which these checks need; memberships are written in provisioning-ad.spec.ts';

describe('AD dialect, on the AD emulation of slapd', function () {
  // The suite's before hook starts slapd; see SLAPD_START_TIMEOUT_MS.
  this.timeout(SLAPD_START_TIMEOUT_MS);
  describeConnectorConformance(connector, {
    validConfig: domain,
    invalidConfigs: [
      { config: { urls: ['ldaps://dc1.corp.example'], dialect: 'ad', bindDN: 'svc@corp.example', password: 'x', baseDN: 'DC=corp,DC=example', ad: { deletedObjectsDN: '' } }, reason: 'an empty Deleted Objects DN' },
      { config: { urls: ['ldaps://dc1.corp.example'], dialect: 'ad', bindDN: 'svc@corp.example', password: 'x', baseDN: 'DC=corp,DC=example', ad: { invocationId: 'x' } }, reason: 'an unknown AD setting' },
    ],
    secrets: ['password'],
    failingConfig: async () => {
      const { config, cleanup } = await domain();
      // Without the emulation's server state entry the rootDSE has no highestCommittedUSN: not an AD.
      return { config: { ...config, ad: { serverStateDN: '' } }, cleanup };
    },
    entities: {
      user: { list: { minRecords: 3 } },
      group: { list: { minRecords: 1 } },
      membership: { list: { minRecords: 2 } },
    },
    skip: {
      'round-trip:user': noGuid,
      'idempotent-create:user': noGuid,
      'round-trip:group': noGuid,
      'idempotent-create:group': noGuid,
      'round-trip:membership': pair,
      'idempotent-create:membership': pair,
    },
  });
});
