import assert from 'node:assert/strict';
import { isCredentialKey, redactAuditDetails } from '../../src/audit/redact-details';

describe('audit detail redaction', () => {
  it('recognises credential-like key names whatever their case or separators', () => {
    for (const key of ['password', 'PASSWORD', 'dbPassword', 'secret', 'clientSecret', 'client_secret', 'token', 'accessToken', 'refresh_token', 'apiKey', 'api_key', 'X-Api-Key', 'key', 'privateKey', 'authorization', 'Authorization', 'proxy-authorization', 'credentials', 'cookie', 'Set-Cookie', 'passphrase']) {
      assert.equal(isCredentialKey(key), true, key);
    }
    for (const key of ['name', 'keyId', 'keyPrefix', 'actor', 'status', 'scopes', 'integration', 'count']) {
      assert.equal(isCredentialKey(key), false, key);
    }
  });

  it('replaces credential values with *** at any depth, in arrays too, and keeps everything else', () => {
    const details = {
      name: 'hr',
      apiKey: 'sk-live-123',
      auth: { type: 'basic', username: 'svc', password: 'p@ss', nested: [{ token: 't1', keep: 1 }] },
      headers: { Authorization: 'Bearer abc', 'content-type': 'application/json' },
      clientSecret: { anything: 'even objects' },
      keyId: 'k-42',
    };
    assert.deepEqual(redactAuditDetails(details), {
      name: 'hr',
      apiKey: '***',
      auth: { type: 'basic', username: 'svc', password: '***', nested: [{ token: '***', keep: 1 }] },
      headers: { Authorization: '***', 'content-type': 'application/json' },
      clientSecret: '***',
      keyId: 'k-42',
    });
    assert.equal(details.apiKey, 'sk-live-123', 'the caller’s object is left as it was');
  });

  it('returns plain JSON: dates as ISO strings, undefined dropped', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    assert.deepEqual(redactAuditDetails({ at, gone: undefined, n: 1 }), { at: '2026-01-02T03:04:05.678Z', n: 1 });
  });
});
