import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret, isWebhookSecret, signatureHeader } from '../../src/webhooks/webhook-signature';

/** Headers as a Standard Webhooks consumer receives them. */
function signed(secrets: string[], body: string, timestamp = Math.floor(Date.now() / 1000), id = 'msg_0190b3c2-0000-7000-8000-000000000001') {
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(secrets, id, timestamp, body) };
}

describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({ type: 'record.created', timestamp: '2026-11-22T05:00:00.000Z', data: { subject: 'r1', name: 'Ada "the first" Lovelace ✓' } });

  it('are verified by the standardwebhooks library', () => {
    const secret = generateWebhookSecret();
    assert.deepEqual(new Webhook(secret).verify(body, signed([secret], body)), JSON.parse(body));
  });

  it('carry one signature per secret during a rotation, so consumers holding either secret verify', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signed([current, previous], body);
    assert.equal(headers['webhook-signature'].split(' ').length, 2);
    assert.ok(new Webhook(current).verify(body, headers));
    assert.ok(new Webhook(previous).verify(body, headers));
    assert.throws(() => new Webhook(generateWebhookSecret()).verify(body, headers), /signature/i);
  });

  it('make a consumer reject a tampered body', () => {
    const secret = generateWebhookSecret();
    const headers = signed([secret], body);
    assert.throws(() => new Webhook(secret).verify(body.replace('Ada', 'Eve'), headers), /signature/i);
  });

  it('make a consumer reject a stale timestamp, even with a valid signature', () => {
    const secret = generateWebhookSecret();
    const headers = signed([secret], body, Math.floor(Date.now() / 1000) - 10 * 60);
    assert.throws(() => new Webhook(secret).verify(body, headers), /timestamp/i);
  });

  it('use whsec_ secrets of 32 random bytes, and refuse anything else as a secret', () => {
    const secret = generateWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.ok(isWebhookSecret(secret));
    for (const bad of ['', 'whsec_', 'whsec_c2hvcnQ=', secret.slice(6), `wh_${secret.slice(6)}`]) assert.equal(isWebhookSecret(bad), false, bad);
    assert.throws(() => signatureHeader([], 'msg_1', 1, body), (err: { code?: string }) => err.code === 'IHUB_WEBHOOK_NO_SECRET');
  });
});
