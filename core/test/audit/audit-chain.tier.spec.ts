import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { appendAudit, AuditEntry } from '../../src/audit/append-audit';
import { verifyAuditChain } from '../../src/audit/verify-audit-chain';
import { auditHash, GENESIS_HASH } from '../../src/audit/audit-hash';
import { openStore } from '../../src/store/data-source';
import { AuditHead, AuditLog } from '../../src/store/entities';
import { useTestStore } from '../../../test/support/test-store';

const entry = (action: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({ tenantId: 'tenant-1', actor: 'key:k1', action, target: 'integration:hr', outcome: 'success', requestId: 'req-1', ip: '10.0.0.1', details: { n: 1 }, ...extra });

describe('audit chain', () => {
  const env = useTestStore();

  const appendMany = async (n: number) => {
    const rows: AuditLog[] = [];
    for (let i = 1; i <= n; i++) rows.push(await appendAudit(env.store, entry(`action.${i}`)));
    return rows;
  };
  const seqs = async () => (await env.store.getRepository(AuditLog).find({ order: { seq: 'ASC' } })).map((r) => Number(r.seq));

  it('is intact when empty', async () => {
    assert.deepEqual(await verifyAuditChain(env.store), { ok: true, checked: 0 });
  });

  it('links appended rows to each other and to the head, and verifies them', async () => {
    const [first, second, third] = await appendMany(3);
    assert.deepEqual([first.seq, second.seq, third.seq].map(String), ['1', '2', '3']);
    assert.equal(first.prevHash, GENESIS_HASH);
    assert.equal(second.prevHash, first.hash);
    assert.equal(third.prevHash, second.hash);
    const head = await env.store.getRepository(AuditHead).findOneByOrFail({ id: 'main' });
    assert.deepEqual([String(head.seq), head.hash], ['3', third.hash]);
    assert.deepEqual(await verifyAuditChain(env.store), { ok: true, checked: 3 });
    assert.deepEqual(await verifyAuditChain(env.store, { batchSize: 2 }), { ok: true, checked: 3 }, 'across batch boundaries');
  });

  it('keeps nulls and the stored details hash-stable through the database', async () => {
    await appendAudit(env.store, { tenantId: null, actor: 'anonymous', action: 'auth.login', outcome: 'denied', details: { at: new Date(), list: [1, 'x', null], deep: { a: { b: 2.5 } }, unicode: 'ü€😀' } });
    await appendAudit(env.store, { tenantId: null, actor: 'cli:node', action: 'x', outcome: 'failure' });
    assert.deepEqual(await verifyAuditChain(env.store), { ok: true, checked: 2 });
  });

  it('reports the seq of a row whose content was changed in the database', async () => {
    const rows = await appendMany(3);
    await env.store.query("UPDATE audit_log SET action = 'nothing.to.see' WHERE seq = 2");
    const verdict = await verifyAuditChain(env.store);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.checked, 1);
    assert.deepEqual(verdict.firstBroken, { seq: '2', id: rows[1].id, reason: 'hash does not match the row content: the row was altered' });
  });

  it('reports the gap when a middle row is deleted', async () => {
    const rows = await appendMany(4);
    await env.store.query('DELETE FROM audit_log WHERE seq = 2');
    const verdict = await verifyAuditChain(env.store, { batchSize: 1 });
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.firstBroken, { seq: '3', id: rows[2].id, reason: 'seq 2 is missing: rows were deleted before this one' });
  });

  it('reports the broken link when a row was altered and its own hash recomputed', async () => {
    const rows = await appendMany(3);
    const forged = { ...rows[1], action: 'nothing.to.see' };
    await env.store.query('UPDATE audit_log SET action = ?, hash = ? WHERE seq = 2', [forged.action, auditHash(forged.prevHash, forged)]);
    const verdict = await verifyAuditChain(env.store);
    assert.equal(verdict.checked, 2, 'the forged row itself checks out');
    assert.deepEqual(verdict.firstBroken, { seq: '3', id: rows[2].id, reason: 'prev_hash does not match the hash of seq 2' });
  });

  it('reports rows deleted from the end against the head', async () => {
    await appendMany(3);
    await env.store.query('DELETE FROM audit_log WHERE seq = 3');
    const verdict = await verifyAuditChain(env.store);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.checked, 2);
    assert.deepEqual(verdict.firstBroken, { seq: '3', id: 'audit_head', reason: 'the head records seq 3 but the last row is seq 2: rows were deleted from the end' });
  });

  it('stays gapless and intact under 40 concurrent appends (the head lock orders them)', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAudit(env.store, entry(`concurrent.${i}`))));
    assert.deepEqual(await seqs(), Array.from({ length: 40 }, (_, i) => i + 1));
    assert.deepEqual(await verifyAuditChain(env.store, { batchSize: 7 }), { ok: true, checked: 40 });
  });

  it('never stores credential-like detail values', async () => {
    const row = await appendAudit(env.store, entry('integration.create', { details: { name: 'hr', settings: { apiKey: 'sk-live-999', endpoint: 'https://x' }, auth: { clientSecret: 'cs-1', Authorization: 'Bearer t' }, password: 'p' } }));
    const stored = await env.store.getRepository(AuditLog).findOneByOrFail({ id: row.id });
    assert.deepEqual(stored.details, { name: 'hr', settings: { apiKey: '***', endpoint: 'https://x' }, auth: { clientSecret: '***', Authorization: '***' }, password: '***' });
    const raw = JSON.stringify(await env.store.query('SELECT * FROM audit_log'));
    for (const secret of ['sk-live-999', 'cs-1', 'Bearer t']) assert.ok(!raw.includes(secret), secret);
    assert.deepEqual(await verifyAuditChain(env.store), { ok: true, checked: 1 });
  });

  it('cuts over-long fields to their column width before hashing, so the row still verifies', async () => {
    const row = await appendAudit(env.store, entry('x', { target: '😀'.repeat(300), requestId: 'r'.repeat(100) }));
    assert.equal(Array.from(row.target!).length, 255);
    assert.equal(row.requestId!.length, 64);
    assert.deepEqual(await verifyAuditChain(env.store), { ok: true, checked: 1 });
  });
});
