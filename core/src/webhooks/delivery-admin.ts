import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { NotFoundError } from '@ihub/plugin-kit';
import { OutboxEvent, WebhookDelivery, WebhookSubscription } from '../store/entities';
import { bulkInsert } from '../store/bulk-write';
import { newDelivery, wants } from './outbox-fan-out';

const REPLAY_BATCH = 1000;

export async function findDelivery(store: DataSource, tenantId: string, id: string): Promise<WebhookDelivery> {
  const found = await store.getRepository(WebhookDelivery).findOneBy({ id, tenantId });
  if (!found) throw new NotFoundError('webhook delivery', id);
  return found;
}

/** Sends a delivery again now, whatever its state; it keeps its message id. */
export async function redeliver(store: DataSource, tenantId: string, id: string): Promise<WebhookDelivery> {
  await findDelivery(store, tenantId, id);
  await store.getRepository(WebhookDelivery).update({ id }, { status: 'pending', nextAttemptAt: new Date(), leaseOwner: null, leaseUntil: null });
  return findDelivery(store, tenantId, id);
}

/**
 * Sends every event of the range the subscription wants again (or for the first time, for
 * events from before it existed or while it was disabled). Messages keep their ids, so
 * consumers that already have them can drop them. Returns how many deliveries were queued.
 */
export async function replay(store: DataSource, subscription: WebhookSubscription, since: Date, until: Date): Promise<number> {
  const now = new Date();
  // Replay means "these events, as of now": the subscription's creation date does not filter them.
  const asOfNow = { ...subscription, enabled: true, createdAt: new Date(0) };
  let queued = 0;
  let after = '';
  for (;;) {
    const events = await store.getRepository(OutboxEvent).createQueryBuilder('e')
      .where('e.tenant_id = :tenantId AND e.created_at >= :since AND e.created_at < :until AND e.id > :after', { tenantId: subscription.tenantId, since, until, after })
      .orderBy('e.id', 'ASC').limit(REPLAY_BATCH).getMany();
    if (events.length === 0) return queued;
    after = events[events.length - 1].id;
    const wanted = events.filter((e) => e.type !== 'webhook.test' && wants(asOfNow, e));
    if (wanted.length === 0) continue;
    await store.transaction(async (tx) => {
      await bulkInsert(tx, WebhookDelivery, wanted.map((e) => newDelivery(subscription, e, now)), { ignoreDuplicates: true });
      await tx.getRepository(WebhookDelivery).update({ subscriptionId: subscription.id, eventId: In(wanted.map((e) => e.id)) }, { status: 'pending', nextAttemptAt: now, leaseOwner: null, leaseUntil: null });
    });
    queued += wanted.length;
  }
}

