import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CLI } from '../../support/cli-process';
import { ApiHarness } from './api-harness';

describe('OpenAPI document', function () {
  this.timeout(60_000);
  let h: ApiHarness;
  let doc: any;
  before(async () => {
    h = await ApiHarness.start();
    doc = (await h.request('GET', '/api/v1/openapi.json')).json;
  });
  after(async () => h?.stop());

  it('is a valid OpenAPI 3.1 document according to an independent validator', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const validator = new Validator();
    const result = await validator.validate(doc);
    assert.equal(validator.version, '3.1');
    assert.deepEqual(result.errors ?? [], []);
    assert.equal(result.valid, true);
  });

  it('documents every route the gateway serves, and every documented operation exists', async () => {
    const gateway = h.node.broker.getLocalService('gateway') as unknown as { aliases: Array<{ method: string; fullPath: string; action?: string }> };
    const aliases = gateway.aliases.filter((a) => a.action?.startsWith('api.')).map((a) => `${a.method} ${a.fullPath.replace(/^\/api\/v1/, '').replace(/:(\w+)/g, '{$1}')}`);
    assert.ok(aliases.length > 10);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    assert.deepEqual([...aliases].sort(), [...documented].sort());
    for (const op of documented) {
      const [method, path] = op.split(' ');
      const res = await h.request(method, `/api/v1${path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000')}`);
      assert.notEqual(res.json?.error?.code, 'IHUB_ROUTE_NOT_FOUND', `${op} is documented but not served`);
    }
  });

  it('gives every operation an operationId, a tag, security and error responses', () => {
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        assert.match(op.operationId, /^[a-z][A-Za-z]+$/, `${method} ${path}`);
        assert.ok(!ids.has(op.operationId), `duplicate operationId ${op.operationId}`);
        ids.add(op.operationId);
        assert.equal(op.tags.length, 1);
        assert.ok(op.responses['400'] && op.responses['500']);
        if (op['x-ihub-scope'] !== 'public') assert.ok(op.responses['401'] && op.responses['403'] && op.security.length > 0);
      }
    }
    assert.ok(doc.components.securitySchemes.bearerAuth && doc.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl);
  });

  it('is what `ihub openapi` prints', () => {
    const printed = JSON.parse(execFileSync(process.execPath, [CLI, 'openapi'], { encoding: 'utf8' }));
    assert.deepEqual(printed, doc);
  });

  it('is rendered at /docs from the installed Redoc bundle, with no CDN', async () => {
    const page = await h.request('GET', '/docs');
    assert.equal(page.status, 200);
    assert.match(page.text, /<redoc spec-url="\/api\/v1\/openapi.json">/);
    assert.doesNotMatch(page.text, /https?:\/\//);
    const bundle = await h.request('GET', '/docs/redoc.standalone.js');
    assert.equal(bundle.status, 200);
    assert.ok(bundle.text.length > 100_000);
  });

  it('serves /healthz and /readyz', async () => {
    assert.equal((await h.request('GET', '/healthz')).json.status, 'ok');
    const ready = await h.request('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.json.checks, { database: 'ok', transporter: 'ok' });
  });
});
