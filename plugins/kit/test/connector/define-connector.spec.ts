import assert from 'node:assert/strict';
import { HubError, PluginInvalidError, defineConnector, redactSecrets, secret, secretPaths, toJsonSchema, z, type ConnectorManifest } from '../../src';

const config = z.object({
  instance: z.string().url(),
  auth: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('basic'), user: z.string(), password: secret(z.string()) }),
    z.object({ kind: z.literal('oauth'), clientId: z.string(), clientSecret: secret(z.string()) }),
  ]),
  apiKey: secret(z.string()).optional(),
});

function manifest(): ConnectorManifest<z.infer<typeof config>> {
  return {
    id: 'acme-crm',
    version: '1.2.3',
    displayName: 'Acme CRM',
    hub: '^0.1.0',
    config,
    auth: ['basic', 'oauth2-client-credentials'],
    check: async () => ({ ok: true }),
    entities: { contact: { changeTracking: 'cursor', list: async () => ({ records: [], cursor: null, hasMore: false }) } },
  };
}

function rejected(change: (m: Record<string, unknown>) => void, problem: RegExp): void {
  const m = manifest() as unknown as Record<string, unknown>;
  change(m);
  assert.throws(
    () => defineConnector(m as unknown as ConnectorManifest<unknown>),
    (err: unknown) => {
      assert.ok(err instanceof PluginInvalidError);
      assert.equal(err.code, 'IHUB_PLUGIN_INVALID');
      assert.match(err.message, problem);
      return true;
    },
  );
}

describe('defineConnector', () => {
  it('accepts a valid manifest and freezes it, entities included', () => {
    const defined = defineConnector(manifest());
    assert.equal(defined.id, 'acme-crm');
    assert.ok(Object.isFrozen(defined));
    assert.ok(Object.isFrozen(defined.entities));
    assert.equal(Reflect.set(defined, 'id', 'other'), false);
    assert.equal(defined.id, 'acme-crm');
  });

  it('rejects an id that is not lower-case letters, digits and dashes', () => {
    rejected((m) => (m.id = 'Acme_CRM'), /plugin Acme_CRM: invalid manifest: id: must be lower-case/);
  });

  it('rejects a version that is not semver', () => {
    rejected((m) => (m.version = '1.2'), /version: must be a semver version/);
  });

  it('rejects a hub range that does not parse', () => {
    rejected((m) => (m.hub = 'latest-ish'), /hub: must be a semver range/);
  });

  it('rejects a manifest without a check', () => {
    rejected((m) => delete m.check, /check: /);
  });

  it('rejects an entity without operations', () => {
    rejected((m) => (m.entities = { contact: { changeTracking: 'cursor' } }), /entities\.contact: an entity needs at least one operation/);
  });

  it('reports every problem at once', () => {
    const m = { ...manifest(), id: 'X', version: 'one' };
    assert.throws(
      () => defineConnector(m),
      (err: unknown) => err instanceof HubError && (err.data.problems as string[]).length === 2,
    );
  });
});

describe('secret marking', () => {
  it('marks a field secret and write-only in the published JSON Schema', () => {
    const schema = toJsonSchema(config) as { properties: { apiKey: Record<string, unknown> } };
    assert.equal(schema.properties.apiKey['x-ihub-secret'], true);
    assert.equal(schema.properties.apiKey.writeOnly, true);
  });

  it('finds secret paths in nested objects and in every branch of a union', () => {
    assert.deepEqual(secretPaths(config).sort(), ['apiKey', 'auth.clientSecret', 'auth.password']);
    assert.deepEqual(secretPaths(z.object({ user: z.string() })), []);
  });

  it('redacts secret values in a copy, leaving the original and missing paths alone', () => {
    const value = { instance: 'https://x', auth: { kind: 'basic', user: 'svc', password: 'hunter2' } };
    const redacted = redactSecrets(value, secretPaths(config));
    assert.deepEqual(redacted, { instance: 'https://x', auth: { kind: 'basic', user: 'svc', password: '***' } });
    assert.equal(value.auth.password, 'hunter2');
    assert.equal(redactSecrets(null, ['a']), null);
  });
});
