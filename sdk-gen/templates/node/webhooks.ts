/** Standard Webhooks signature verification (https://www.standardwebhooks.com). */
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOLERANCE_SECONDS = 5 * 60;

/** The message's signature or timestamp did not verify: do not trust it. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** Verifies `webhook-id`, `webhook-timestamp` and `webhook-signature` against a `whsec_…` secret. */
export class Webhook {
  private readonly key: Buffer;

  constructor(secret: string | Uint8Array) {
    this.key = typeof secret === 'string' ? Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64') : Buffer.from(secret);
  }

  /** The parsed JSON payload, when a signature matches and the timestamp is within 5 minutes of now. */
  verify(payload: string | Uint8Array, headers: Record<string, string | string[] | undefined> | Headers): unknown {
    const header = (name: string): string | undefined => {
      if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
      const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === name);
      const value = entry?.[1];
      return Array.isArray(value) ? value.join(' ') : value;
    };
    const id = header('webhook-id');
    const timestamp = header('webhook-timestamp');
    const signatures = header('webhook-signature');
    if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature header');
    const sentAt = Number(timestamp);
    if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number');
    const now = Math.floor(Date.now() / 1000);
    if (sentAt < now - TOLERANCE_SECONDS || sentAt > now + TOLERANCE_SECONDS) throw new WebhookVerificationError('webhook-timestamp is more than 5 minutes from now');
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
    const expected = Buffer.from(this.sign(id, sentAt, body).slice('v1,'.length), 'utf8');
    for (const candidate of signatures.split(' ')) {
      const [version, signature] = [candidate.slice(0, candidate.indexOf(',')), candidate.slice(candidate.indexOf(',') + 1)];
      const given = Buffer.from(signature, 'utf8');
      if (version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected)) return JSON.parse(body.toString('utf8'));
    }
    throw new WebhookVerificationError('no matching signature');
  }

  /** The `v1,<base64>` signature of a message. */
  sign(id: string, timestamp: number, payload: string | Uint8Array): string {
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
    const mac = createHmac('sha256', this.key).update(`${id}.${timestamp}.`).update(body).digest('base64');
    return `v1,${mac}`;
  }
}
