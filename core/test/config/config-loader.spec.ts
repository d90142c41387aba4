import { strict as assert } from 'node:assert';
import path from 'node:path';
import { ConfigInvalidError, formatConfigProblem, type ConfigProblem } from '@ihub/plugin-kit';
import { loadConfig, validateConfig } from '../../src/config';
import { testConnectors as connectors } from './test-connector-catalog';

// Problems name files relative to the working directory; tests fix it to the repository root.
const cwd = path.resolve(__dirname, '..', '..', '..');
const fixtures = 'core/test/config/fixtures';
const hubFileOf = (set: string) => `${fixtures}/${set}/config/hub.yaml`;
const brief = (p: ConfigProblem) => `${p.file}:${p.line} ${p.path}`;

describe('config loader', () => {
  describe('a valid config', () => {
    const env = { DIRECTORY_PASSWORD: 's3cret' };

    it('loads hub settings with defaults applied and paths resolved against hub.yaml', async () => {
      const config = await loadConfig(hubFileOf('valid'), { env, connectors, cwd });
      const configDir = path.join(cwd, fixtures, 'valid', 'config');
      assert.equal(config.hub.file, path.join(configDir, 'hub.yaml'));
      assert.equal(config.hub.name, 'demo');
      assert.equal(config.hub.integrationsDir, path.join(configDir, 'integrations'));
      assert.deepEqual(config.hub.plugins, { paths: [], packages: ['ihub-connector-acme'] });
      assert.deepEqual(config.hub.scheduler, { enabled: true });
      assert.deepEqual(config.hub.sync, { pageSize: 500 });
      assert.equal(config.hub.transporter, undefined);
      assert.deepEqual(config.tenants, [
        { code: 'default', name: 'Default tenant', webhooks: { allowPrivateTargets: [] } },
        { code: 'acme', name: 'acme', webhooks: { allowPrivateTargets: [] } },
      ]);
    });

    it('loads integrations of every file with tenant, file and line, and ${ENV} references resolved', async () => {
      const config = await loadConfig(hubFileOf('valid'), { env, connectors, cwd });
      const where = config.integrations.map((i) => `${i.tenant}/${i.name} ${i.file}:${i.line}`);
      assert.deepEqual(where, [
        `acme/directory ${fixtures}/valid/config/integrations/acme-directory.yaml:5`,
        `acme/people-source ${fixtures}/valid/config/integrations/acme-directory.yaml:9`,
        `default/people-source ${fixtures}/valid/config/integrations/people.yaml:6`,
        `default/people-target ${fixtures}/valid/config/integrations/people.yaml:11`,
      ]);
      const directory = config.integrations.find((i) => i.name === 'directory');
      assert.deepEqual(directory?.auth, { method: 'basic', username: 'sync', password: 's3cret' });
      const source = config.integrations.find((i) => i.tenant === 'default' && i.name === 'people-source');
      assert.deepEqual(source?.settings, { folder: './examples' }, '${PEOPLE_FOLDER:-./examples} falls back to its default');
    });

    it('loads flows with direction, deletes, enabled and pageSize defaulted', async () => {
      const config = await loadConfig(hubFileOf('valid'), { env, connectors, cwd });
      const oneWay = config.flows.find((f) => f.tenant === 'default');
      assert.ok(oneWay);
      assert.equal(oneWay.line, 15);
      assert.equal(oneWay.direction, 'one-way');
      assert.equal(oneWay.deletes, 'propagate');
      assert.equal(oneWay.enabled, true);
      assert.equal(oneWay.pageSize, 500, 'from hub.sync.pageSize');
      assert.equal(oneWay.schedule, '*/5 * * * *');
      assert.deepEqual(oneWay.mapping, { email: 'email', fullName: "first_name & ' ' & last_name" });
      const twoWay = config.flows.find((f) => f.tenant === 'acme');
      assert.ok(twoWay);
      assert.equal(twoWay.direction, 'two-way');
      assert.equal(twoWay.pageSize, 100);
      assert.equal(twoWay.enabled, false);
      assert.deepEqual(twoWay.targets[0].reverseMapping, { email: 'mail' });
    });

    it('skips connector checks when no connector catalog is given', async () => {
      // How a caller loads hub.plugins before it knows the connectors: load once without a catalog.
      const { problems } = await validateConfig(hubFileOf('connector-config'), { env: {}, cwd });
      assert.deepEqual(problems, []);
    });
  });

  describe('a config with every kind of mistake', () => {
    const file = (name: string) => `${fixtures}/broken/config/${name}`;
    const a = file('integrations/a-people.yaml');
    const b = file('integrations/b-directory.yaml');

    it('reports every problem in one run, with file, line and path, sorted by file and line', async () => {
      const { config, problems } = await validateConfig(hubFileOf('broken'), { env: {}, connectors, cwd });
      assert.equal(config, undefined);
      assert.deepEqual(problems.map(brief), [
        `${file('hub.yaml')}:4 hub.sync.pageSize`,
        `${a}:9 integrations[1].connector`,
        `${a}:14 integrations[1].auth.password`,
        `${a}:16 flows[0].name`,
        `${a}:21 flows[0].mapping.fullName`,
        `${a}:25 flows[0].schedule`,
        `${a}:26 flows[0].colour`,
        `${b}:9 flows[0].name`,
        `${b}:14 flows[0].targets[0].integration`,
        `${b}:16 flows[0].pageSize`,
        `${file('integrations/c-syntax.yaml')}:7 `,
      ]);
    });

    it('says what is wrong in each problem', async () => {
      const { problems } = await validateConfig(hubFileOf('broken'), { env: {}, connectors, cwd });
      const messages = problems.map((p) => p.message);
      assert.equal(messages[0], 'Invalid input: expected number, received string', 'wrong type');
      assert.equal(messages[1], 'unknown connector "servicenow"; installed: csv, rest');
      assert.equal(messages[2], 'missing environment variable SNOW_PASSWORD');
      assert.equal(messages[3], `duplicate flow name "people-to-tickets" in tenant default (also at ${b}:9)`);
      assert.match(messages[4], /^invalid JSONata: Unexpected end of expression \(at character 18\)$/);
      assert.match(messages[5], /^invalid cron schedule: .*exactly five, six, or seven/);
      assert.equal(messages[6], 'unknown key');
      assert.equal(messages[7], `duplicate flow name "people-to-tickets" in tenant default (also at ${a}:16)`);
      assert.equal(messages[8], 'unknown integration "direktory" in tenant default');
      assert.equal(messages[9], 'Invalid input: expected number, received string');
      assert.match(messages[10], /^YAML syntax error: Flow map .* must be sufficiently indented and end with a }$/);
    });

    it('formats problems as file:line path: message', async () => {
      const { problems } = await validateConfig(hubFileOf('broken'), { env: {}, connectors, cwd });
      assert.equal(formatConfigProblem(problems[4]), `${a}:21 flows[0].mapping.fullName: invalid JSONata: Unexpected end of expression (at character 18)`);
    });

    it('makes loadConfig throw a ConfigInvalidError carrying every problem', async () => {
      const error = await loadConfig(hubFileOf('broken'), { env: {}, connectors, cwd }).then(
        () => assert.fail('loadConfig should have thrown'),
        (err: unknown) => err,
      );
      assert.ok(error instanceof ConfigInvalidError);
      assert.equal(error.code, 'IHUB_CONFIG_INVALID');
      assert.equal(error.problems.length, 11);
      assert.match(error.message, /invalid configuration: 11 problem\(s\)\n {2}core\/test\/config\/fixtures\/broken\/config\/hub\.yaml:4 hub\.sync\.pageSize: /);
    });

    it('names files by absolute path when they are outside the working directory', async () => {
      const { problems } = await validateConfig(path.join(cwd, hubFileOf('broken')), { env: {}, connectors, cwd: path.join(cwd, 'docs') });
      assert.equal(problems[0].file, path.join(cwd, hubFileOf('broken')));
    });
  });

  it('maps connector-config problems back to the settings, endpoint and auth keys they came from', async () => {
    const { problems } = await validateConfig(hubFileOf('connector-config'), { env: {}, connectors, cwd });
    const file = `${fixtures}/connector-config/config/integrations/connections.yaml`;
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`),
      [
        `${file}:6 integrations[0].settings.folder: Invalid input: expected string, received number`,
        `${file}:7 integrations[0].settings.format: Invalid option: expected one of "csv"|"jsonl"`,
        `${file}:8 integrations[0].settings.extra: unknown key`,
        `${file}:9 integrations[1].settings.folder: is required`,
        `${file}:13 integrations[2].endpoint: Invalid URL`,
        `${file}:14 integrations[2].auth.password: is required`,
        `${file}:19 integrations[3].settings.endpoint: "endpoint" belongs on the integration itself, not in settings`,
      ],
    );
  });

  it('checks tenants, connector entities, plugin folders and the direction rules of flows', async () => {
    const { problems } = await validateConfig(hubFileOf('cross-checks'), { env: {}, connectors, cwd });
    const rules = `${fixtures}/cross-checks/config/flows/rules.yaml`;
    const hub = `${fixtures}/cross-checks/config/hub.yaml`;
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line} ${p.path}: ${p.message}`),
      [
        `${rules}:2 tenant: unknown tenant "nowhere"; hub.yaml declares: default`,
        `${rules}:16 flows[0].targets[0]: the flow writes to its own source (integration people, entity people)`,
        `${rules}:24 flows[1].targets[0]: a two-way flow needs a reverseMapping on its target`,
        `${rules}:25 flows[1].targets[0].entity: connector "csv" has no entity "persons"; it has: people`,
        `${rules}:31 flows[2].targets: a two-way flow needs exactly one target, it has 2`,
        `${rules}:44 flows[3].targets[0].reverseMapping: reverseMapping is only used by two-way flows: set direction: two-way or remove it`,
        `${hub}:4 hub.plugins.paths[0]: folder not found: ${path.join(cwd, fixtures, 'cross-checks', 'no-such-plugins')}`,
        `${hub}:6 tenants[0].code: duplicate tenant code "default" (also at ${hub}:7)`,
        `${hub}:7 tenants[1].code: duplicate tenant code "default" (also at ${hub}:6)`,
      ],
    );
  });

  it('reports a missing hub file as a problem, not a crash', async () => {
    const { problems } = await validateConfig(`${fixtures}/nowhere/hub.yaml`, { env: {}, cwd });
    assert.deepEqual(problems, [{ file: `${fixtures}/nowhere/hub.yaml`, path: '', message: 'cannot read file: ENOENT' }]);
  });
});
