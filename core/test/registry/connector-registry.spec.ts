import assert from 'node:assert/strict';
import path from 'node:path';
import { HubError } from '@ihub/plugin-kit';
import { ConnectorRegistry } from '../../src/registry/connector-registry';
import { ConnectorInstance } from '../../src/registry/connector-instance';
import { consoleLogger } from '../../src/runtime/console-logger';
import { CSV_CONNECTOR, FIXTURE_PLUGINS } from '../../../test/support/test-hub';

const fixture = (name: string) => path.join(FIXTURE_PLUGINS, name);
const codes = (r: ConnectorRegistry) => r.errors.map((e) => e.code);

describe('connector registry', () => {
  it('loads connector packages from a connectors folder and describes them without calling them', () => {
    const registry = ConnectorRegistry.discover({ roots: [path.dirname(CSV_CONNECTOR)] });
    assert.deepEqual(registry.errors, []);
    const [csv] = registry.describe();
    assert.equal(csv.id, 'csv');
    assert.equal(csv.package, '@ihub/connector-csv');
    assert.deepEqual(csv.entities.map((e) => e.name), ['file']);
    assert.ok(csv.entities[0].operations.includes('list'));
    assert.equal((csv.configSchema as { type: string }).type, 'object');
  });

  it('reports a bad manifest as IHUB_PLUGIN_INVALID naming the package, and keeps the good ones', () => {
    const registry = ConnectorRegistry.discover({ paths: [CSV_CONNECTOR, fixture('bad-manifest')] });
    assert.deepEqual(codes(registry), ['IHUB_PLUGIN_INVALID']);
    assert.match(registry.errors[0].message, /ihub-fixture-bad-manifest/);
    assert.match(registry.errors[0].message, /id: must be lower-case/);
    assert.ok(registry.get('csv'));
  });

  it('refuses a connector built for another hub version with IHUB_PLUGIN_VERSION_MISMATCH', () => {
    const registry = ConnectorRegistry.discover({ paths: [fixture('old-hub')] });
    assert.deepEqual(codes(registry), ['IHUB_PLUGIN_VERSION_MISMATCH']);
    assert.match(registry.errors[0].message, /supports ihub >=9\.0\.0, this hub is 0\.1\.0/);
    assert.equal(registry.get('old-hub'), undefined);
  });

  it('refuses a second connector with the same id with IHUB_PLUGIN_DUPLICATE naming both packages', () => {
    const registry = ConnectorRegistry.discover({ paths: [CSV_CONNECTOR, fixture('dup-csv')] });
    assert.deepEqual(codes(registry), ['IHUB_PLUGIN_DUPLICATE']);
    assert.match(registry.errors[0].message, /ihub-fixture-dup-csv.*already provided by @ihub\/connector-csv/);
    assert.equal(registry.get('csv')!.manifest.version, '0.1.0');
  });

  it('refuses a package whose ihub field is not a connector, and an npm package that is not installed', () => {
    const registry = ConnectorRegistry.discover({ paths: [fixture('wrong-type')], packages: ['ihub-connector-that-does-not-exist'] });
    assert.deepEqual(codes(registry).sort(), ['IHUB_PLUGIN_INVALID', 'IHUB_PLUGIN_NOT_FOUND']);
  });

  it('turns whatever a connector throws at run time into IHUB_CONNECTOR_FAILED for that call only', async () => {
    const registry = ConnectorRegistry.discover({ paths: [fixture('throwing')] });
    const instance = new ConnectorInstance(registry.get('throwing')!, { id: 'i1', name: 'buggy', tenantId: 't' }, {}, consoleLogger('error'));
    await assert.rejects(instance.list('items', { cursor: null, pageSize: 10 }), (err: HubError) => {
      assert.ok(err instanceof HubError);
      assert.equal(err.code, 'IHUB_CONNECTOR_FAILED');
      assert.match(err.message, /connector 'throwing' failed in items\.list/);
      return true;
    });
    await assert.rejects(instance.check(), { code: 'IHUB_CONNECTOR_FAILED' });
  });

  it('rejects an integration whose connection config does not fit the connector schema', () => {
    const registry = ConnectorRegistry.discover({ paths: [CSV_CONNECTOR] });
    assert.throws(() => new ConnectorInstance(registry.get('csv')!, { id: 'i', name: 'x', tenantId: 't' }, { file: 'a.csv' }, consoleLogger('error')), { code: 'IHUB_CONFIG_INVALID' });
  });

  it('has the built-in ihub source whatever is installed, and lets no package take its id', () => {
    const registry = ConnectorRegistry.discover({});
    const ihub = registry.get('ihub');
    assert.ok(ihub?.builtin);
    assert.equal(ihub.packageName, '@ihub/core');
    assert.deepEqual(Object.keys(ihub.manifest.entities), ['event', 'audit']);
    assert.throws(() => registry.register({ ...ihub.manifest }, 'ihub-impostor'), { code: 'IHUB_PLUGIN_DUPLICATE' });
  });

  it('loads a package once when it is both in a connectors folder and named as a path or npm package', () => {
    const registry = ConnectorRegistry.discover({ roots: [path.dirname(CSV_CONNECTOR)], paths: [CSV_CONNECTOR], packages: ['@ihub/connector-csv'], resolveFrom: CSV_CONNECTOR });
    assert.deepEqual(codes(registry), []);
    assert.ok(registry.get('csv'));
  });
});
