import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A signed Standard Webhooks message, as a receiver gets it: what each SDK's verifier is given. */
export interface SignedMessage {
  id: string;
  timestamp: string;
  body: string;
  /** The `webhook-signature` header: space-separated `v1,<base64>` signatures. */
  signature: string;
  secret: string;
}

/**
 * A message signed by the reference `standardwebhooks` library. Until the hub delivers webhooks
 * itself this stands in for a delivery; the signature header carries a stale signature before the
 * valid one, as during a secret rotation, so verifiers must try each.
 */
export function signedMessage(): SignedMessage {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const id = `msg_${randomBytes(8).toString('hex')}`;
  const at = new Date();
  const body = JSON.stringify({ type: 'record.created', data: { id: 'a', note: 'ünïcode ✓' } });
  const valid = new Webhook(secret).sign(id, at, body);
  const stale = `v1,${randomBytes(32).toString('base64')}`;
  return { id, timestamp: String(Math.floor(at.getTime() / 1000)), body, signature: `${stale} ${valid}`, secret };
}
