import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { SecretBox } from '../../src/security/secret-box';
import { generateSecretKey, parseSecretKey } from '../../src/security/secret-key';

const KEY_A = generateSecretKey();
const KEY_B = generateSecretKey();
const idOf = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex').slice(0, 8);

/** Replaces part `index` of a `v1.kid.iv.tag.ct` text. */
function withPart(text: string, index: number, edit: (part: string) => string): string {
  const parts = text.split('.');
  parts[index] = edit(parts[index]);
  return parts.join('.');
}
const flipFirstByte = (b64url: string) => {
  const bytes = Buffer.from(b64url, 'base64url');
  bytes[0] ^= 0x01;
  return bytes.toString('base64url');
};

describe('secret box', () => {
  it('round-trips JSON values and names the current key in the ciphertext', () => {
    const box = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_A });
    for (const value of [{ apiKey: 'sk-live-1', nested: { password: 'p', list: [1, 'two', null] } }, 'plain', 42, null, [true, false]]) {
      const text = box.encrypt(value);
      assert.match(text, /^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/);
      assert.deepEqual(box.decrypt(text), value);
    }
    assert.equal(box.currentKeyId, idOf(KEY_A));
    assert.equal(box.encrypt({}).split('.')[1], idOf(KEY_A));
  });

  it('uses a fresh IV every time, so equal secrets give different ciphertexts', () => {
    const box = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_A });
    const [one, two] = [box.encrypt({ token: 't' }), box.encrypt({ token: 't' })];
    assert.notEqual(one.split('.')[2], two.split('.')[2]);
    assert.notEqual(one, two);
  });

  it('never leaks the plaintext into the ciphertext', () => {
    const box = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_A });
    const text = box.encrypt({ password: 'hunter2-very-secret' });
    assert.ok(!text.includes('hunter2'));
    assert.ok(!Buffer.from(text.split('.')[4], 'base64url').toString('latin1').includes('hunter2'));
  });

  it('accepts keys as base64, unpadded or URL-safe base64, and hex, all with the same key id', () => {
    const bytes = randomBytes(32);
    const forms = [bytes.toString('base64'), bytes.toString('base64').replace(/=$/, ''), bytes.toString('base64url'), bytes.toString('hex'), ` ${bytes.toString('hex').toUpperCase()}\n`];
    const ids = forms.map((f) => parseSecretKey(f, 'TEST').id);
    assert.deepEqual(new Set(ids).size, 1);
    assert.equal(ids[0], createHash('sha256').update(bytes).digest('hex').slice(0, 8));
  });

  describe('tampering', () => {
    const box = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_A, IHUB_SECRET_KEYS_OLD: KEY_B });
    const text = box.encrypt({ clientSecret: 'abc' });

    for (const [part, index] of [['IV', 2], ['tag', 3], ['ciphertext', 4]] as const) {
      it(`of the ${part} fails with IHUB_SECRET_DECRYPT_FAILED`, () => {
        assert.throws(() => box.decrypt(withPart(text, index, flipFirstByte)), { code: 'IHUB_SECRET_DECRYPT_FAILED' });
      });
    }

    it('relabelling the ciphertext to another configured key id fails: the key id is authenticated', () => {
      assert.throws(() => box.decrypt(withPart(text, 1, () => idOf(KEY_B))), { code: 'IHUB_SECRET_DECRYPT_FAILED' });
    });

    it('a truncated tag, a wrong version or a mangled text fails with IHUB_SECRET_DECRYPT_FAILED', () => {
      for (const bad of [withPart(text, 3, (t) => t.slice(0, 12)), withPart(text, 0, () => 'v2'), text.slice(0, 20), `${text}.x`, withPart(text, 4, (c) => `${c}!`), '']) {
        assert.throws(() => box.decrypt(bad), { code: 'IHUB_SECRET_DECRYPT_FAILED' }, bad);
      }
    });
  });

  describe('keys', () => {
    it('fails with IHUB_SECRET_KEY_MISSING, pointing at `ihub keys generate`, when no key is set', () => {
      for (const env of [{}, { IHUB_SECRET_KEY: '' }, { IHUB_SECRET_KEY: '  ', IHUB_SECRET_KEYS_OLD: KEY_B }]) {
        assert.throws(() => SecretBox.fromEnv(env), { code: 'IHUB_SECRET_KEY_MISSING', message: /ihub keys generate/ });
      }
    });

    it('fails with IHUB_SECRET_KEY_INVALID for a key of the wrong length or encoding, without printing it', () => {
      const wrong = ['c2hvcnQta2V5', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), randomBytes(33).toString('base64'), `${'z'.repeat(64)}`, 'not a key at all, just a long passphrase!!!!'];
      for (const key of wrong) {
        assert.throws(() => SecretBox.fromEnv({ IHUB_SECRET_KEY: key }), (err: Error & { code: string }) => {
          assert.equal(err.code, 'IHUB_SECRET_KEY_INVALID');
          assert.match(err.message, /IHUB_SECRET_KEY/);
          assert.ok(!err.message.includes(key) && !JSON.stringify(err).includes(key), 'the key is not in the error');
          return true;
        });
      }
    });

    it('names the bad entry of IHUB_SECRET_KEYS_OLD', () => {
      assert.throws(() => SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_A, IHUB_SECRET_KEYS_OLD: `${KEY_B}, oops` }), { code: 'IHUB_SECRET_KEY_INVALID', message: /IHUB_SECRET_KEYS_OLD \(entry 2\)/ });
    });

    it('decrypts with old keys, and says which key to add when none matches', () => {
      const old = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_A }).encrypt({ token: 'x' });
      const rotated = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_B, IHUB_SECRET_KEYS_OLD: `${KEY_A},` });
      assert.deepEqual(rotated.decrypt(old), { token: 'x' });
      assert.equal(rotated.needsRotation(old), true);
      assert.equal(rotated.needsRotation(rotated.encrypt({ token: 'x' })), false);
      assert.throws(() => SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_B }).decrypt(old), { code: 'IHUB_SECRET_UNKNOWN_KEY', message: new RegExp(`${idOf(KEY_A)}.*IHUB_SECRET_KEYS_OLD`) });
    });
  });
});
