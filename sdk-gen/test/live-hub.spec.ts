import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ApiHarness } from '../../test/e2e/api/api-harness';
import type { Language } from '../src/emitters/emitter.types';
import { FaultProxy } from './support/fault-proxy';
import { generateAll } from './support/generate';
import { filesUnder, javac, mcs, mustRun, python, tsc, workDir, writeTsconfig } from './support/toolchains';
import { deliveredMessage, type SignedMessage } from './support/webhook-message';

const SCENARIO = path.join(__dirname, 'scenario');

interface ScenarioResult {
  tenant: string;
  integrationId: string;
  runId: string;
  runStatus: string;
  runs: number;
  records: number;
  notFound: { status: number; code: string; hasHeaders: boolean } | null;
  webhook: { type: string; tampered: string };
}

/** Compiles each SDK together with its scenario program; resolves to the command that runs it. */
const BUILD: Record<Language, (dir: string) => Promise<(input: string) => Promise<string>>> = {
  async python(dir) {
    await python(['-m', 'compileall', '-q', dir]);
    return (input) => python([path.join(SCENARIO, 'scenario.py'), input], { env: { ...process.env, PYTHONPATH: dir } });
  },
  async node(dir) {
    fs.copyFileSync(path.join(SCENARIO, 'scenario.ts'), path.join(dir, 'scenario.ts'));
    writeTsconfig(path.join(dir, 'tsconfig.scenario.json'), ['src', 'scenario.ts'], 'out');
    await tsc(path.join(dir, 'tsconfig.scenario.json'));
    return (input) => mustRun(process.execPath, [path.join(dir, 'out/scenario.js'), input]);
  },
  async java(dir) {
    await javac([...filesUnder(path.join(dir, 'src'), '.java'), path.join(SCENARIO, 'Scenario.java')], path.join(dir, 'out'));
    return (input) => mustRun('java', ['-cp', path.join(dir, 'out'), 'Scenario', input]);
  },
  async dotnet(dir) {
    await mcs([...filesUnder(path.join(dir, 'src'), '.cs'), path.join(SCENARIO, 'Scenario.cs')], path.join(dir, 'scenario.exe'), 'exe');
    return (input) => mustRun('mono', [path.join(dir, 'scenario.exe'), input]);
  },
};

describe('generated SDKs against a live hub', function () {
  // Four compilers and a hub on a 2-core machine.
  this.timeout(900_000);
  let hub: ApiHarness;
  let proxy: FaultProxy;
  let root: string;
  let webhook: SignedMessage;
  const programs = new Map<Language, (input: string) => Promise<string>>();

  before(async () => {
    hub = await ApiHarness.start();
    const apiUrl = hub.node.apiUrl;
    assert.ok(apiUrl, 'the harness serves the API');
    proxy = await FaultProxy.start(apiUrl);
    root = workDir('live');
    const res = await fetch(`${apiUrl}/api/v1/openapi.json`);
    assert.equal(res.status, 200);
    const result = await generateAll(await res.json(), 'ihub', root);
    assert.deepEqual(result.warnings, [], 'the hub document is typed without fallbacks');
    // The compilers run side by side: each is single-threaded for most of its run.
    await Promise.all((Object.keys(BUILD) as Language[]).map(async (lang) => programs.set(lang, await BUILD[lang](path.join(root, lang)))));
    // After the compilers: the verifiers refuse a timestamp more than 5 minutes old.
    webhook = await deliveredMessage(hub);
    assert.equal(webhook.signature.split(' ').length, 2, 'both secrets sign during the rotation overlap');
  });

  after(async () => {
    await proxy?.stop();
    await hub?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  for (const lang of Object.keys(BUILD) as Language[]) {
    it(`runs the scenario in ${lang}: both auths, create, run, pages, typed 404, 429 retry, webhook`, async () => {
      proxy.reset();
      proxy.failOnce('POST', '/api/v1/integrations');
      const input = path.join(root, `${lang}-input.json`);
      fs.writeFileSync(input, JSON.stringify({
        baseUrl: proxy.url,
        apiKey: hub.keys.write,
        clientId: hub.oauth.clientId,
        clientSecret: hub.oauth.clientSecret,
        flowId: hub.ids.flow,
        integrationName: `sdk-${lang}`,
        csvFolder: hub.project.files,
        webhook,
      }));
      const output = (await programs.get(lang)!(input)).trim().split('\n').pop()!;
      const result = JSON.parse(output) as ScenarioResult;

      assert.equal(result.tenant, 'default');
      assert.match(result.integrationId, /^[0-9a-f-]{36}$/);
      assert.equal(result.runStatus, 'completed');
      assert.ok(result.runs >= 2, `runs of the flow: ${result.runs}`);
      assert.ok(result.records >= 3, `records: ${result.records}`);
      assert.deepEqual(result.notFound, { status: 404, code: 'IHUB_NOT_FOUND', hasHeaders: true });
      assert.deepEqual(result.webhook, { type: 'webhook.test', tampered: 'rejected' });

      // The injected 429: retried once, after Retry-After, with the same Idempotency-Key.
      const creates = proxy.requests('POST', '/api/v1/integrations');
      assert.deepEqual(creates.map((r) => r.answered), [429, 201]);
      assert.ok(creates[0].idempotencyKey, 'a non-GET call carries an Idempotency-Key');
      assert.equal(creates[1].idempotencyKey, creates[0].idempotencyKey);
      assert.ok(creates[1].at - creates[0].at >= 950, `retried after ${creates[1].at - creates[0].at} ms`);
      // Pagination followed nextCursor: more than one page of each list, later pages asked with a cursor.
      for (const list of [`/api/v1/flows/${hub.ids.flow}/runs`, '/api/v1/records']) {
        const pages = proxy.requests('GET', list);
        assert.ok(pages.length >= 2, `${list}: ${pages.length} page(s)`);
        assert.ok(pages.slice(1).every((p) => /[?&]cursor=/.test(p.url)), `${list}: later pages follow the cursor`);
      }
      // Client credentials: a token was fetched (once) and used.
      assert.equal(proxy.requests('POST', '/api/v1/oauth/token').length, 1);
      assert.equal(result.runId.length, 36);
    });
  }
});
