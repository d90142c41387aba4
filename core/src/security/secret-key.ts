import { createHash, randomBytes } from 'node:crypto';
import { secretKeyInvalid } from './secret.errors';

/** AES-256 takes 32-byte keys. */
export const SECRET_KEY_BYTES = 32;

/** A decoded key and its id: the first 8 hex characters of the SHA-256 of the key bytes. */
export interface SecretKey {
  readonly id: string;
  readonly bytes: Buffer;
}

const HEX = /^[0-9a-fA-F]{64}$/;
// Standard or URL-safe alphabet, padding optional: keys get pasted from many tools.
const BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Decodes a key given as 64 hex characters or as base64 of 32 bytes. `variable` names where the
 * value came from, for the error; the value itself is never put in a message.
 */
export function parseSecretKey(raw: string, variable: string): SecretKey {
  const text = raw.trim();
  let bytes: Buffer | undefined;
  if (HEX.test(text)) bytes = Buffer.from(text, 'hex');
  else if (BASE64.test(text)) bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (!bytes || bytes.length !== SECRET_KEY_BYTES) throw secretKeyInvalid(variable);
  return { id: secretKeyId(bytes), bytes };
}

/** The public name of a key: safe to print, store next to ciphertexts and compare. */
export function secretKeyId(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 8);
}

/** A new random key, base64-encoded, as `ihub keys generate` prints it. */
export function generateSecretKey(): string {
  return randomBytes(SECRET_KEY_BYTES).toString('base64');
}
