import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { csvIntegration, REPO_ROOT, TestProject, writeCsv } from '../support/test-hub';
import { exited, spawnCli } from '../support/cli-process';

async function cli(project: TestProject, args: string[], env: NodeJS.ProcessEnv = project.env): Promise<{ code: number | null; out: string }> {
  const child = spawnCli([...args, '--config', project.configFile], env, project.root);
  const code = await exited(child);
  return { code, out: child.output() };
}

describe('ihub CLI', function () {
  this.timeout(120_000);
  let project: TestProject;

  beforeEach(async () => {
    project = await TestProject.create({});
    project.write({
      integrations: [csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv')],
      flows: [{ name: 'copy', entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id', n: "$number(n) >= 0 ? $number(n) : $error('negative')" }, targets: [{ integration: 'dst', entity: 'file' }] }],
    });
    writeCsv(project.file('in.csv'), ['id', 'n'], [['a', 1], ['b', -2], ['c', 3]]);
  });
  afterEach(async () => project.dispose());

  it('validate: exits 0 on a valid config', async () => {
    const { code, out } = await cli(project, ['validate']);
    assert.equal(code, 0, out);
    assert.match(out, /configuration is valid/);
  });

  it('validate: prints every problem with file:line and path, and exits 1', async () => {
    const file = path.join(project.root, 'config/integrations/test.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('connector: csv', 'connector: nosuch').replace("n: \"$number(n)", 'n: "$number(n) &&'));
    const { code, out } = await cli(project, ['validate']);
    assert.equal(code, 1, out);
    assert.match(out, /config\/integrations\/test\.yaml:\d+ integrations\[0\]\.connector: .*nosuch/);
    assert.match(out, /config\/integrations\/test\.yaml:\d+ flows\[0\]\.mapping\.n: invalid JSONata/);
    assert.match(out, /\d+ problem\(s\)/);
  });

  it('sync, status and logs: run a flow, show its counts and its per-record errors', async () => {
    const sync = await cli(project, ['sync', 'copy']);
    assert.equal(sync.code, 2, `a run with failed records exits 2\n${sync.out}`);
    assert.match(sync.out, /src\.file\s*│\s*partial\s*│\s*3\s*│\s*2\s*│/);
    assert.match(sync.out, /map src b: IHUB_RECORD_INVALID mapping failed: negative/);

    const status = await cli(project, ['status']);
    assert.equal(status.code, 0, status.out);
    assert.match(status.out, /copy\s*│\s*active\s*│\s*on demand\s*│\s*partial/);

    const logs = await cli(project, ['logs', 'copy']);
    assert.equal(logs.code, 0, logs.out);
    assert.match(logs.out, /1 record error\(s\)/);
    assert.match(logs.out, /map\s*│\s*src\s*│\s*b\s*│/);

    const dry = await cli(project, ['sync', 'copy', '--full', '--dry-run']);
    assert.match(dry.out, /dry run — nothing was written/);
  });

  it('sync: a missing flow is a coded error and exit 1', async () => {
    const { code, out } = await cli(project, ['sync', 'nope']);
    assert.equal(code, 1);
    assert.match(out, /error IHUB_NOT_FOUND: flow 'nope' not found/);
  });

  it('connectors: lists the installed connectors and their entities', async () => {
    const { code, out } = await cli(project, ['connectors']);
    assert.equal(code, 0, out);
    assert.match(out, /csv\s*│\s*0\.1\.0\s*│\s*@ihub\/connector-csv\s*│\s*file\s*│\s*snapshot/);
  });

  it('migrate: reports the applied migrations', async () => {
    const { code, out } = await cli(project, ['migrate']);
    assert.equal(code, 0, out);
    assert.match(out, /InitialSchema1732240000000/);
  });

  it('plugin new + plugin test: scaffolds a connector that compiles and passes its own tests and the conformance suite', async () => {
    // Inside the repository, so the new package resolves @ihub/plugin-kit from the workspace.
    fs.mkdirSync(path.join(REPO_ROOT, '.tmp'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO_ROOT, '.tmp', 'plugins-'));
    try {
      const created = await cli(project, ['plugin', 'new', 'acme-crm', '--dir', dir]);
      assert.equal(created.code, 0, created.out);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'acme-crm/package.json'), 'utf8'));
      assert.equal(pkg.name.includes('acme-crm'), true);
      assert.equal(pkg.private, undefined);
      assert.match(fs.readFileSync(path.join(dir, 'acme-crm/src/index.ts'), 'utf8'), /id: 'acme-crm'/);
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(dir, 'acme-crm/tsconfig.json')], { stdio: 'pipe' });
      assert.ok(fs.existsSync(path.join(dir, 'acme-crm/dist/index.js')));
      const tested = await cli(project, ['plugin', 'test', path.join(dir, 'acme-crm')]);
      assert.equal(tested.code, 0, tested.out);
      assert.match(tested.out, /passing/);
      assert.doesNotMatch(tested.out, /\d+ failing/);

      const again = await cli(project, ['plugin', 'new', 'acme-crm', '--dir', dir]);
      assert.equal(again.code, 1);
      assert.match(again.out, /IHUB_PLUGIN_EXISTS/);
      const bad = await cli(project, ['plugin', 'new', 'Acme CRM', '--dir', dir]);
      assert.match(bad.out, /IHUB_PLUGIN_ID_INVALID/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('api-key create/list/revoke and oauth-client create: bootstrap credentials, shown once', async () => {
    const created = await cli(project, ['api-key', 'create', '--name', 'ops', '--scopes', 'admin,read']);
    assert.equal(created.code, 0, created.out);
    const key = created.out.split('\n').find((l) => l.startsWith('ihk_'))!;
    assert.match(key, /^ihk_[A-Za-z0-9_-]{43}$/);
    const listed = await cli(project, ['api-key', 'list']);
    assert.match(listed.out, /ops/);
    assert.ok(!listed.out.includes(key), 'list never shows the key');
    const id = /[0-9a-f-]{36}/.exec(listed.out)![0];
    assert.equal((await cli(project, ['api-key', 'revoke', id])).code, 0);
    assert.match((await cli(project, ['api-key', 'list'])).out, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    const bad = await cli(project, ['api-key', 'create', '--name', 'x', '--scopes', 'root']);
    assert.equal(bad.code, 1);
    assert.match(bad.out, /IHUB_VALIDATION: --scopes/);
    const client = await cli(project, ['oauth-client', 'create', '--name', 'etl', '--scopes', 'read,write']);
    assert.match(client.out, /client_id=ihc_[0-9a-f]{24}\nclient_secret=ihs_/);
  });
});
