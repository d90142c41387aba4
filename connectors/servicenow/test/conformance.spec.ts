import { describeConnectorConformance } from '@ihub/plugin-kit';
import { DEFAULT_TABLES, FAKE_USER, startServiceNowFake, type ServiceNowFake } from '../../../test/fakes/servicenow';
import connector from '../src/index';
import { basicConfig } from './support/servicenow-context';

const withHubId = (table: 'sys_user' | 'sys_user_group') => ({ ...DEFAULT_TABLES[table], columns: [...DEFAULT_TABLES[table].columns, 'u_ihub_id'] });

/**
 * A fake instance with records in every table the connector names, plus a custom table for the
 * `table` entity; users and groups get a `u_ihub_id` field to correlate creates with, as their
 * tables have no correlation field of their own.
 */
async function fakeInstance(configure: (fake: ServiceNowFake) => Record<string, unknown>): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const fake = await startServiceNowFake({
    tables: {
      sys_user: withHubId('sys_user'),
      sys_user_group: withHubId('sys_user_group'),
      u_asset_request: { columns: ['u_name', 'u_quantity', 'correlation_id'], displayField: 'u_name', sample: (n) => ({ u_name: `Request ${n}`, u_quantity: String(n) }) },
    },
    seed: { incident: 5, change_request: 3, problem: 3, sys_user: 4, sys_user_group: 3, cmdb_ci: 3, u_asset_request: 3 },
  });
  return { config: configure(fake), cleanup: () => fake.close() };
}

const entities = {
  sys_user: { correlationField: 'u_ihub_id' },
  sys_user_group: { correlationField: 'u_ihub_id' },
  table: { table: 'u_asset_request', correlationField: 'correlation_id' },
};

const auth = { method: 'basic', username: 'u', password: 'p' };

describeConnectorConformance(connector, {
  validConfig: () => fakeInstance((fake) => basicConfig(fake, { entities })),
  invalidConfigs: [
    { config: { auth }, reason: 'endpoint missing' },
    { config: { endpoint: 'ftp://acme.service-now.com', auth }, reason: 'endpoint not http(s)' },
    { config: { endpoint: 'https://acme.service-now.com' }, reason: 'auth missing' },
    { config: { endpoint: 'https://acme.service-now.com', auth: { method: 'saml', username: 'u' } }, reason: 'unknown auth method' },
    { config: { endpoint: 'https://acme.service-now.com', auth: { method: 'basic', username: 'u' } }, reason: 'basic auth without a password' },
    { config: { endpoint: 'https://acme.service-now.com', auth: { method: 'oauth2-password', clientId: 'c', username: 'u', password: 'p' } }, reason: 'OAuth without a client secret' },
    { config: { endpoint: 'https://acme.service-now.com', auth: { method: 'oauth2-refresh-token', clientId: 'c', clientSecret: 's' } }, reason: 'refresh-token grant without a refresh token' },
    { config: { endpoint: 'https://acme.service-now.com', auth, entities: { table: { fields: ['u_name'] } } }, reason: 'the table entity without a table' },
    { config: { endpoint: 'https://acme.service-now.com', auth, entities: { u_custom: { table: 'u_custom' } } }, reason: 'an entity the connector does not have' },
    { config: { endpoint: 'https://acme.service-now.com', auth, entities: { incident: { query: 'active=true^ORDERBYnumber' } } }, reason: 'a query that sorts' },
    { config: { endpoint: 'https://acme.service-now.com', auth, entities: { incident: { query: 'active=true^NQpriority=1' } } }, reason: 'a query with ^NQ' },
    { config: { endpoint: 'https://acme.service-now.com', auth, entities: { incident: { displayValue: 'yes' } } }, reason: 'displayValue neither true, false nor all' },
    { config: { endpoint: 'https://acme.service-now.com', auth, inbound: { signatureHeader: 'x-sig' } }, reason: 'inbound with neither secret nor token' },
    { config: { endpoint: 'https://acme.service-now.com', auth, inbound: { secret: 'short' } }, reason: 'inbound secret shorter than 16 characters' },
    { config: { endpoint: 'https://acme.service-now.com', auth, instance: 'acme' }, reason: 'unknown field (a typo)' },
  ],
  secrets: ['auth.password', 'auth.clientSecret', 'auth.refreshToken', 'inbound.secret', 'inbound.token'],
  failingConfig: () => fakeInstance((fake) => basicConfig(fake, { auth: { method: 'basic', username: FAKE_USER.userName, password: 'wrong-password' } })),
  entities: {
    incident: { list: { minRecords: 5 }, roundTrip: { create: { short_description: 'conformance', urgency: '2' }, update: { short_description: 'conformance, updated' } } },
    change_request: { list: { minRecords: 3 }, roundTrip: { create: { short_description: 'conformance change' }, update: { risk: '2' } } },
    problem: { list: { minRecords: 3 }, roundTrip: { create: { short_description: 'conformance problem' }, update: { known_error: 'true' } } },
    sys_user: { list: { minRecords: 4 }, roundTrip: { create: { user_name: 'conformance.user', first_name: 'Con' }, update: { first_name: 'Formance' } } },
    sys_user_group: { list: { minRecords: 3 }, roundTrip: { create: { name: 'Conformance' }, update: { description: 'updated' } } },
    cmdb_ci: { list: { minRecords: 3 }, roundTrip: { create: { name: 'conformance-ci' }, update: { operational_status: '2' } } },
    table: { list: { minRecords: 3 }, roundTrip: { create: { u_name: 'Conformance request', u_quantity: '1' }, update: { u_quantity: '2' } } },
  },
});
