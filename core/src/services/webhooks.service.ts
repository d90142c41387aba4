import type { BlockList } from 'node:net';
import { Service, ServiceBroker } from 'moleculer';
import type { HubRuntime } from '../runtime/hub-runtime';
import { allowList } from '../webhooks/private-address';
import { signingSecrets } from '../webhooks/subscription-secrets';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import type { WebhookDelivery } from '../store/entities';

/** Nodes are told to look for work at once (new test event, redelivery, replay) instead of at their next poll. */
export const WEBHOOKS_WAKE_EVENT = 'webhooks.wake';

/**
 * Runs this node's webhook dispatcher while the broker runs. Every node that has
 * `hub.webhooks.enabled` takes part; deliveries are shared through their leases.
 */
export function createWebhooksService(broker: ServiceBroker, runtime: HubRuntime, onDelivered?: (delivery: WebhookDelivery, latencyMs: number) => void): Service {
  const allowLists = new Map<string, BlockList>();
  // A reload replaces the config (and may change allow lists): the cache lives as long as the config it came from.
  let cachedFor = runtime.config;
  const dispatcher = new WebhookDispatcher({
    store: runtime.store,
    nodeId: broker.nodeID,
    logger: broker.getLogger('webhooks'),
    settings: runtime.config.hub.webhooks,
    secrets: (subscription, now) => signingSecrets(subscription, { config: runtime.config, tenantCode: runtime.tenantCode(subscription.tenantId), box: () => runtime.secretBox() }, now),
    allowedTargets: (tenantId) => {
      if (cachedFor !== runtime.config) {
        allowLists.clear();
        cachedFor = runtime.config;
      }
      let list = allowLists.get(tenantId);
      if (!list) {
        const tenant = runtime.config.tenants.find((t) => t.code === runtime.tenantCode(tenantId));
        list = allowList(tenant?.webhooks.allowPrivateTargets ?? []);
        allowLists.set(tenantId, list);
      }
      return list;
    },
    onDelivered,
  });
  // A run's events are in the outbox once its page (or the run) is committed: deliver them now, not at the next poll.
  runtime.engine.onRunFinished(() => dispatcher.wake());
  return broker.createService({
    name: 'webhooks',
    events: {
      [WEBHOOKS_WAKE_EVENT]() {
        dispatcher.wake();
      },
      // Broadcast after every committed page of a run on any node (`sync.run`): long runs are delivered as they go.
      'sync.progress'() {
        dispatcher.wake();
      },
    },
    started() {
      dispatcher.start();
    },
    async stopped() {
      await dispatcher.stop();
    },
  });
}
