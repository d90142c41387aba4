import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `signature` (the `X-Hub-Signature` header: `sha256=<hex>`) is the HMAC-SHA256 of the
 * raw body with the webhook's secret. Compared in constant time, so the answer's timing tells a
 * forger nothing about how much of a guess was right.
 */
export function isValidSignature(rawBody: Buffer, signature: string | undefined, secret: string): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return timingSafeEqual(Buffer.from(match[1], 'hex'), expected);
}
