import assert from 'node:assert/strict';
import { AuditLog, Integration, SyncLog } from '../../../core/src/store/entities';
import { verifyAuditChain } from '../../../core/src/audit';
import { ApiHarness, SECRET_VALUE } from './api-harness';

/** Everything written to stdout/stderr while `fn` runs: the node's log lines. */
async function captureOutput(fn: () => Promise<void>): Promise<string> {
  let out = '';
  const originals = [process.stdout.write, process.stderr.write];
  const tap = (original: typeof process.stdout.write) => ((chunk: unknown, ...rest: unknown[]) => {
    out += String(chunk);
    return (original as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stdout.write = tap(originals[0]);
  process.stderr.write = tap(originals[1]);
  try {
    await fn();
  } finally {
    [process.stdout.write, process.stderr.write] = originals;
  }
  return out;
}

describe('REST API: audit, secrets and metrics', function () {
  this.timeout(60_000);
  let h: ApiHarness;
  before(async () => {
    h = await ApiHarness.start();
  });
  after(async () => h?.stop());

  it('audits every mutating call with actor, tenant, action, target, outcome, request id and IP', async () => {
    const res = await h.request('POST', `/api/v1/integrations/${h.ids.integration}/pause`, { key: h.keys.write, body: {}, headers: { 'x-request-id': 'req-audit-1' } });
    assert.equal(res.status, 200);
    const row = await h.node.runtime.store.getRepository(AuditLog).findOneByOrFail({ requestId: 'req-audit-1' });
    assert.equal(row.tenantId, h.tenantA);
    assert.match(row.actor, /^key:/);
    assert.equal(row.action, 'pauseIntegration');
    assert.equal(row.target, `/api/v1/integrations/${h.ids.integration}/pause`);
    assert.equal(row.outcome, 'success');
    assert.match(row.ip ?? '', /127\.0\.0\.1/);
    const listed = await h.request('GET', '/api/v1/audit?action=pauseIntegration', { key: h.keys.admin });
    assert.ok(listed.json.data.some((r: { requestId: string }) => r.requestId === 'req-audit-1'));
  });

  it('audits refused credentials', async () => {
    await h.request('GET', '/api/v1/flows', { key: 'ihk_wrong', headers: { 'x-request-id': 'req-denied-1' } });
    const row = await h.node.runtime.store.getRepository(AuditLog).findOneByOrFail({ requestId: 'req-denied-1' });
    assert.equal(row.action, 'auth.failed');
    assert.equal(row.outcome, 'denied');
    assert.equal(row.actor, 'anonymous');
  });

  it('keeps an intact hash chain, and verification finds a tampered row', async () => {
    await h.request('POST', `/api/v1/integrations/${h.ids.integration}/resume`, { key: h.keys.write, body: {} });
    const before = await verifyAuditChain(h.node.runtime.store);
    assert.equal(before.ok, true);
    assert.ok(before.checked >= 2);
    const victim = await h.node.runtime.store.getRepository(AuditLog).findOneByOrFail({ requestId: 'req-audit-1' });
    await h.node.runtime.store.getRepository(AuditLog).update({ id: victim.id }, { outcome: 'failure' });
    const after = await verifyAuditChain(h.node.runtime.store);
    assert.equal(after.ok, false);
    assert.equal(after.firstBroken?.id, victim.id);
    await h.node.runtime.store.getRepository(AuditLog).update({ id: victim.id }, { outcome: 'success' });
  });

  it('never shows a secret in an API response, a log line, an audit row, a sync log or the integration table', async () => {
    const api = await h.node.runtime.store.getRepository(Integration).findOneByOrFail({ name: 'api', tenantId: h.tenantA });
    const output = await captureOutput(async () => {
      const responses = [
        await h.request('GET', `/api/v1/integrations/${api.id}`, { key: h.keys.read }),
        await h.request('POST', `/api/v1/integrations/${api.id}/check`, { key: h.keys.write, body: {} }),
        await h.request('GET', '/api/v1/integrations', { key: h.keys.read }),
        await h.request('GET', '/api/v1/connectors/template', { key: h.keys.read }),
      ];
      for (const r of responses) assert.ok(!r.text.includes(SECRET_VALUE), r.text);
      assert.equal(responses[0].json.configuration.apiKey, '***');
      assert.equal(responses[1].json.ok, false, 'the upstream refuses the key, so check fails — and says why without the key');
    });
    assert.ok(!output.includes(SECRET_VALUE), 'no log line carries the secret');
    const store = h.node.runtime.store;
    for (const table of [AuditLog, SyncLog, Integration]) {
      assert.ok(!JSON.stringify(await store.getRepository(table).find()).includes(SECRET_VALUE), `${table.name} holds the secret`);
    }
  });

  it('exposes Prometheus metrics labelled by route template', async () => {
    await h.request('GET', `/api/v1/flows/${h.ids.flow}`, { key: h.keys.read });
    const res = await h.request('GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.text, /# TYPE ihub_http_requests_total counter/);
    assert.match(res.text, /ihub_http_requests_total\{method="GET",route="\/api\/v1\/flows\/\{id\}",status="200"\} [1-9]/);
    assert.ok(!res.text.includes(h.ids.flow), 'no raw ids in labels');
    assert.match(res.text, /ihub_sync_runs_total\{flow="copy",status="completed"\} 1/);
    assert.match(res.text, /ihub_records_processed_total\{flow="copy"\} 3/);
  });
});

describe('REST API: rate limits shared by two nodes', function () {
  this.timeout(60_000);
  let h: ApiHarness;
  before(async () => {
    h = await ApiHarness.start({ rateLimit: { perKey: { points: 5, windowSeconds: 2 }, perTenant: { points: 100, windowSeconds: 2 } }, nodes: 2 });
  });
  after(async () => h?.stop());

  it('spends one budget across nodes, sends RateLimit headers, and answers 429 with Retry-After that holds', async () => {
    const nodes = [h.node, h.others[0]];
    const remaining: string[] = [];
    // Wait for a fresh window so the five requests fall into one.
    await h.request('GET', '/api/v1/flows', { key: h.keys.read });
    await new Promise((r) => setTimeout(r, 2100));
    for (let i = 0; i < 5; i++) {
      const res = await h.request('GET', '/api/v1/flows', { key: h.keys.read, via: nodes[i % 2] });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.headers.get('ratelimit-limit'), '5');
      remaining.push(res.headers.get('ratelimit-remaining')!);
    }
    assert.deepEqual(remaining, ['4', '3', '2', '1', '0']);
    const refused = await h.request('GET', '/api/v1/flows', { key: h.keys.read, via: nodes[1] });
    assert.equal(refused.status, 429, refused.text);
    assert.equal(refused.json.error.code, 'IHUB_RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 2, `Retry-After ${retryAfter}`);
    assert.equal(refused.headers.get('ratelimit-remaining'), '0');
    const otherKey = await h.request('GET', '/api/v1/flows', { key: h.keys.write, via: nodes[0] });
    assert.equal(otherKey.status, 200, 'another key of the tenant has its own budget');
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    const again = await h.request('GET', '/api/v1/flows', { key: h.keys.read, via: nodes[0] });
    assert.equal(again.status, 200, 'after Retry-After the key may call again');
  });
});
