import { strict as assert } from 'node:assert';
import path from 'node:path';
import { ConfigInvalidError } from '@ihub/plugin-kit';
import { resolveRuntimeSettings, type LoadedHubSettings } from '../../src/config';

const hub: LoadedHubSettings = {
  file: '/srv/project/config/hub.yaml',
  name: 'demo',
  integrationsDir: '/srv/project/config/integrations',
  plugins: { paths: [], packages: [] },
  scheduler: { enabled: true },
  sync: { pageSize: 500 },
  api: { enabled: true, port: 3000, host: '0.0.0.0', bodyLimit: '1mb', operatorTenant: 'default', rateLimit: { perKey: { points: 600, windowSeconds: 60 }, perTenant: { points: 3000, windowSeconds: 60 } } },
  webhooks: { enabled: true, retrySchedule: [0], timeout: 15_000, disableAfter: 432_000_000, maxConcurrency: 10, lease: 60_000, pollInterval: 200 },
};

describe('runtime settings', () => {
  it('defaults to SQLite in data/ at the project root and the in-process transporter', () => {
    assert.deepEqual(resolveRuntimeSettings(hub, {}), { database: 'sqlite:/srv/project/data/ihub.sqlite', transporter: null });
  });

  it('takes database and transporter from hub.yaml, resolving a relative SQLite file against its folder', () => {
    const settings = resolveRuntimeSettings({ ...hub, database: 'sqlite:../var/hub.db', transporter: 'nats://10.0.0.1:4222' }, {});
    assert.deepEqual(settings, { database: 'sqlite:/srv/project/var/hub.db', transporter: 'nats://10.0.0.1:4222' });
    assert.equal(resolveRuntimeSettings({ ...hub, database: 'mysql://u:p@db:3306/ihub' }, {}).database, 'mysql://u:p@db:3306/ihub');
  });

  it('lets IHUB_DATABASE and IHUB_TRANSPORTER override hub.yaml', () => {
    const env = { IHUB_DATABASE: 'mysql://root@127.0.0.1:3306/test', IHUB_TRANSPORTER: 'nats://127.0.0.1:4222' };
    assert.deepEqual(resolveRuntimeSettings({ ...hub, database: 'sqlite:x.db', transporter: 'nats://other:4222' }, env), {
      database: 'mysql://root@127.0.0.1:3306/test',
      transporter: 'nats://127.0.0.1:4222',
    });
  });

  it('resolves a relative SQLite file from IHUB_DATABASE against the working directory, and keeps :memory:', () => {
    assert.equal(resolveRuntimeSettings(hub, { IHUB_DATABASE: 'sqlite:tmp/t.db' }, '/work').database, `sqlite:${path.resolve('/work', 'tmp/t.db')}`);
    assert.equal(resolveRuntimeSettings(hub, { IHUB_DATABASE: 'sqlite::memory:' }).database, 'sqlite::memory:');
  });

  it('rejects an IHUB_DATABASE that is neither sqlite: nor mysql://', () => {
    assert.throws(() => resolveRuntimeSettings(hub, { IHUB_DATABASE: 'postgres://x' }), (err: unknown) => err instanceof ConfigInvalidError && err.problems[0].path === 'IHUB_DATABASE');
  });
});
