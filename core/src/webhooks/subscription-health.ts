import type { EntityManager } from 'typeorm';
import type { Logger } from '@ihub/plugin-kit';
import { OutboxEvent, WebhookSubscription } from '../store/entities';
import { uuidv7 } from '../store/uuid-v7';

/** What a batch of finished attempts said about one subscription. */
export interface SubscriptionOutcome {
  subscription: WebhookSubscription;
  succeeded: boolean;
  failed: boolean;
  /** The consumer answered 410 Gone: it wants nothing more. */
  gone: boolean;
}

/**
 * Keeps each subscription's failure record: a success clears it, the first failure starts it, and
 * failing for `disableAfter` without a success (or a 410 Gone) disables the subscription.
 */
export async function recordSubscriptionOutcomes(tx: EntityManager, outcomes: Iterable<SubscriptionOutcome>, now: Date, settings: { disableAfter: number; logger: Logger }): Promise<void> {
  const repo = tx.getRepository(WebhookSubscription);
  for (const { subscription, succeeded, failed, gone } of outcomes) {
    if (gone) {
      await disableSubscription(tx, subscription, 'the consumer answered 410 Gone', now, settings.logger);
      continue;
    }
    if (succeeded) {
      if (subscription.failingSince) await repo.update({ id: subscription.id }, { failingSince: null });
      subscription.failingSince = null;
      continue;
    }
    if (!failed) continue;
    if (!subscription.failingSince) {
      await tx.createQueryBuilder().update(WebhookSubscription).set({ failingSince: now }).where('id = :id AND failing_since IS NULL', { id: subscription.id }).execute();
      subscription.failingSince = now;
    } else if (now.getTime() - subscription.failingSince.getTime() >= settings.disableAfter) {
      await disableSubscription(tx, subscription, `every delivery failed since ${subscription.failingSince.toISOString()}`, now, settings.logger);
    }
  }
}

/** Disables a subscription and raises `webhook.disabled` (which other subscriptions may hear). */
async function disableSubscription(tx: EntityManager, subscription: WebhookSubscription, reason: string, now: Date, logger: Logger): Promise<void> {
  const result = await tx.getRepository(WebhookSubscription).update({ id: subscription.id, enabled: true }, { enabled: false, disabledReason: reason, updatedAt: now });
  if (!result.affected) return;
  logger.warn(`webhook subscription ${subscription.name} (${subscription.url}) disabled: ${reason}`);
  await tx.getRepository(OutboxEvent).insert({
    id: uuidv7(), tenantId: subscription.tenantId, type: 'webhook.disabled', subject: subscription.id, createdAt: now,
    payload: { subscriptionId: subscription.id, name: subscription.name, url: subscription.url, reason },
  });
}
