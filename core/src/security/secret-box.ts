import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { HubError } from '@ihub/plugin-kit';
import { parseSecretKey, SecretKey } from './secret-key';
import { secretDecryptFailed, secretKeyMissing, secretUnknownKey } from './secret.errors';

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM nonce size that needs no extra hashing step
const TAG_BYTES = 16; // full-length tag: Node would otherwise accept truncated ones

/** The parts of `v1.<kid>.<iv>.<tag>.<ciphertext>`. */
interface Sealed {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * AES-256-GCM encryption of JSON values (an integration's secret fields) with key rotation:
 * one current key encrypts, older keys only decrypt. Each ciphertext names its key by id, so a
 * rotation can tell which rows still need re-encrypting.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, SecretKey>;

  constructor(private readonly current: SecretKey, old: readonly SecretKey[] = []) {
    this.keys = new Map([...old, current].map((k) => [k.id, k]));
  }

  /**
   * Reads `IHUB_SECRET_KEY` (the current key) and `IHUB_SECRET_KEYS_OLD` (comma-separated keys
   * kept only to decrypt what they encrypted before a rotation).
   */
  static fromEnv(env: Record<string, string | undefined> = process.env): SecretBox {
    const current = env.IHUB_SECRET_KEY?.trim();
    if (!current) throw secretKeyMissing();
    const old = (env.IHUB_SECRET_KEYS_OLD ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map((s, i) => parseSecretKey(s, `IHUB_SECRET_KEYS_OLD (entry ${i + 1})`));
    return new SecretBox(parseSecretKey(current, 'IHUB_SECRET_KEY'), old);
  }

  /** Id of the key new ciphertexts are made with. */
  get currentKeyId(): string {
    return this.current.id;
  }

  /** Encrypts the JSON form of `value` under the current key, with a fresh random IV. */
  encrypt(value: unknown): string {
    const json = JSON.stringify(value);
    if (json === undefined) throw new HubError('IHUB_SECRET_NOT_JSON', 'only JSON values can be encrypted', { fault: 'hub' });
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.current.id));
    const ciphertext = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return [VERSION, this.current.id, iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Decrypts a value made by `encrypt` under any configured key, current or old. */
  decrypt(text: string): unknown {
    const sealed = parse(text);
    const key = this.keys.get(sealed.keyId);
    if (!key) throw secretUnknownKey(sealed.keyId);
    let json: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, sealed.iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(key.id));
      decipher.setAuthTag(sealed.tag);
      json = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // GCM says only "not authentic"; the cause (altered ciphertext, IV, tag or key id) is not knowable.
      throw secretDecryptFailed(`authentication failed under key ${key.id}: the value was altered or is corrupt`, key.id);
    }
    return JSON.parse(json) as unknown;
  }

  /** The id of the key `text` was encrypted with. */
  keyIdOf(text: string): string {
    return parse(text).keyId;
  }

  /** True when `text` was not encrypted with the current key, so a rotation should re-encrypt it. */
  needsRotation(text: string): boolean {
    return this.keyIdOf(text) !== this.current.id;
  }
}

// The version and key id travel in clear; authenticating them stops a ciphertext from being
// relabelled to another key id or format version without detection.
function aad(keyId: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}`, 'utf8');
}

function parse(text: string): Sealed {
  const parts = typeof text === 'string' ? text.split('.') : [];
  if (parts.length !== 5 || parts[0] !== VERSION || !/^[0-9a-f]{8}$/.test(parts[1])) throw secretDecryptFailed(`not a ${VERSION} secret (expected ${VERSION}.<key id>.<iv>.<tag>.<ciphertext>)`);
  const [, keyId, iv, tag, ciphertext] = parts;
  const sealed = { keyId, iv: fromB64url(iv), tag: fromB64url(tag), ciphertext: fromB64url(ciphertext) };
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) throw secretDecryptFailed('the IV or the authentication tag has the wrong length', keyId);
  return sealed;
}

function fromB64url(part: string): Buffer {
  // Node's decoder skips characters outside the alphabet; reject them so a mangled value fails as such.
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw secretDecryptFailed('a part is not base64url');
  return Buffer.from(part, 'base64url');
}
