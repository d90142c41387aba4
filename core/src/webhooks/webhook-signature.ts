import { createHmac, randomBytes } from 'node:crypto';
import { HubError } from '@ihub/plugin-kit';

export const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks libraries expect. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(SECRET_PREFIX)) return false;
  const key = Buffer.from(value.slice(SECRET_PREFIX.length), 'base64');
  return key.length >= 24 && key.length <= 64;
}

/**
 * The `webhook-signature` header: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret,
 * space-separated, so that during a rotation's overlap consumers holding either secret verify.
 */
export function signatureHeader(secrets: string[], id: string, timestampSeconds: number, body: string): string {
  if (secrets.length === 0) throw new HubError('IHUB_WEBHOOK_NO_SECRET', `no signing secret for message ${id}`, { fault: 'hub' });
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
      return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
    })
    .join(' ');
}
