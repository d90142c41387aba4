import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `header` carries the HMAC-SHA256 of `rawBody` under `secret`, as hex or as base64
 * (ServiceNow's `GlideCertificateEncryption.generateMac` gives base64), with or without a
 * `sha256=` prefix. Compared in constant time.
 */
export function signatureMatches(rawBody: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^sha256=/i, '');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const decoded = /^[0-9a-f]{64}$/i.test(given) ? Buffer.from(given, 'hex') : Buffer.from(given, 'base64');
  return decoded.length === expected.length && timingSafeEqual(decoded, expected);
}

/** True when `header` is `token`. Digests are compared, so the time taken tells nothing of the token, not even its length. */
export function tokenMatches(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(header.trim()), digest(token));
}
