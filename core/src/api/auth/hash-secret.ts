import { createHash, randomBytes } from 'node:crypto';

/** Keys and client secrets are stored only as SHA-256: they are random and long, so no salt or slow hash is needed. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** `<prefix>_<43 url-safe characters>`: 256 bits of randomness. */
export function randomSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
