import type { ApiHarness } from '../../../test/e2e/api/api-harness';
import { WebhookConsumer } from '../../../test/support/webhook-consumer';

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
 * A real delivery of the hub's test event, caught by a consumer on loopback. The subscription's
 * secret is rotated first, so the hub signs with both the old and the new secret (the overlap
 * window) and the verifiers are handed the new one: they must try each signature in the header.
 */
export async function deliveredMessage(hub: ApiHarness): Promise<SignedMessage> {
  const consumer = await WebhookConsumer.start();
  try {
    const created = await hub.request('POST', '/api/v1/webhooks/subscriptions', { key: hub.keys.admin, body: { name: 'sdk-scenario', url: consumer.url, events: ['webhook.test'] } });
    if (created.status !== 201) throw new Error(`creating the subscription failed: ${created.status} ${created.text}`);
    const id = (created.json as { id: string }).id;
    const rotated = await hub.request('POST', `/api/v1/webhooks/subscriptions/${id}/rotate-secret`, { key: hub.keys.admin, body: { overlapSeconds: 3600 } });
    if (rotated.status !== 200) throw new Error(`rotating the secret failed: ${rotated.status} ${rotated.text}`);
    const sent = await hub.request('POST', `/api/v1/webhooks/subscriptions/${id}/test`, { key: hub.keys.write, body: {} });
    if (sent.status >= 300) throw new Error(`sending the test event failed: ${sent.status} ${sent.text}`);
    for (let waited = 0; consumer.received.length === 0; waited += 50) {
      if (waited > 20_000) throw new Error('the hub delivered no test event within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const [message] = consumer.received;
    return { id: message.id, timestamp: message.timestamp, body: message.body, signature: message.signature, secret: (rotated.json as { secret: string }).secret };
  } finally {
    await consumer.close();
  }
}
