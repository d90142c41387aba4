import assert from 'node:assert/strict';
import { secretPaths } from '@ihub/plugin-kit';
import { configSchema } from '../src/config';
import { entitiesOfTable, entitySettings } from '../src/entities/entity-settings';

const base = { endpoint: 'https://acme.service-now.com', auth: { method: 'basic', username: 'svc.ihub', password: 'p' } };

const problems = (config: unknown): string[] => {
  const result = configSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('servicenow connection config', () => {
  it('fills in defaults: no entity settings, a 30 s timeout', () => {
    assert.deepEqual(configSchema.parse(base), { ...base, entities: {}, timeoutMs: 30_000 });
  });

  it('gives each named entity its own table and the correlation and journal fields its table has', () => {
    const config = configSchema.parse(base);

    assert.deepEqual(entitySettings(config, 'incident'), {
      entity: 'incident',
      table: 'incident',
      fields: undefined,
      displayValue: 'false',
      excludeReferenceLink: true,
      query: undefined,
      correlationField: 'correlation_id',
      correlationDisplayField: 'correlation_display',
      journalFields: ['comments', 'work_notes'],
      softDelete: undefined,
    });
    assert.deepEqual([entitySettings(config, 'sys_user').correlationField, entitySettings(config, 'cmdb_ci').correlationDisplayField, entitySettings(config, 'sys_user').journalFields], [null, null, []]);
  });

  it('lets settings change an entity, and turn its correlation off with null', () => {
    const config = configSchema.parse({ ...base, entities: { incident: { table: 'u_incident', fields: ['number'], displayValue: 'all', query: 'active=true', correlationField: null } } });

    const settings = entitySettings(config, 'incident');

    assert.deepEqual([settings.table, settings.fields, settings.displayValue, settings.query, settings.correlationField], ['u_incident', ['number'], 'all', 'active=true', null]);
  });

  it('finds the entities of a table, the table entity only when configured', () => {
    const config = configSchema.parse({ ...base, entities: { table: { table: 'u_asset_request' } } });

    assert.deepEqual(entitiesOfTable(config, 'incident'), ['incident']);
    assert.deepEqual(entitiesOfTable(config, 'u_asset_request'), ['table']);
    assert.deepEqual(entitiesOfTable(configSchema.parse(base), 'u_asset_request'), []);
  });

  it('reports every problem with its path in one pass', () => {
    const found = problems({
      endpoint: 'acme.service-now.com',
      auth: { method: 'basic', username: '' },
      entities: { incident: { table: 'Incident', fields: [], query: 'active=true^ORDERBYnumber' }, table: {} },
    });

    assert.deepEqual(found.map((p) => p.split(':')[0]).sort(), ['auth.password', 'auth.username', 'endpoint', 'entities.incident.fields', 'entities.incident.query', 'entities.incident.table', 'entities.table.table']);
  });

  it('explains why a query cannot be used', () => {
    assert.match(problems({ ...base, entities: { problem: { query: 'active=true^NQactive=false' } } }).join(), /must not contain \^NQ/);
    assert.match(problems({ ...base, entities: { problem: { query: 'ORDERBYDESCnumber' } } }).join(), /must not contain ORDERBY/);
  });

  it('marks credentials and inbound secrets as secrets, whatever the auth method', () => {
    assert.deepEqual(secretPaths(configSchema).sort(), ['auth.clientSecret', 'auth.password', 'auth.refreshToken', 'inbound.secret', 'inbound.token']);
  });
});
