import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { OutboxEvent, WebhookDelivery, WebhookSubscription } from '../store/entities';
import { bulkInsert } from '../store/bulk-write';
import { uuidv7 } from '../store/uuid-v7';
import { matchesEventType } from './event-catalog';

/** Events turned into deliveries per pass. */
const BATCH = 500;

/** Does `subscription` want `event`? Type pattern, filter, and only events from after it was made. */
export function wants(subscription: WebhookSubscription, event: OutboxEvent): boolean {
  if (subscription.tenantId !== event.tenantId || !subscription.enabled) return false;
  if (event.createdAt < subscription.createdAt) return false;
  // A test event goes to the one subscription it was made for, whatever its types.
  if (event.type === 'webhook.test') return event.subject === subscription.id;
  if (!matchesEventType(subscription.eventTypes, event.type)) return false;
  const f = subscription.filter;
  if (f?.entityType !== undefined && event.payload.entityType !== f.entityType) return false;
  if (f?.flow !== undefined && event.payload.flow !== f.flow) return false;
  return true;
}

export function newDelivery(subscription: WebhookSubscription, event: Pick<OutboxEvent, 'id' | 'type' | 'createdAt'>, now: Date): WebhookDelivery {
  return {
    id: uuidv7(), tenantId: subscription.tenantId, subscriptionId: subscription.id, eventId: event.id, eventType: event.type, status: 'pending', attempts: 0,
    nextAttemptAt: now, leaseOwner: null, leaseUntil: null, lastStatusCode: null, lastError: null, lastLatencyMs: null, eventCreatedAt: event.createdAt, deliveredAt: null, createdAt: now,
  };
}

/**
 * Turns outbox events nobody has dispatched yet into one delivery per matching subscription, and
 * marks them dispatched, in one transaction. Any node may do it: the unique (subscription, event)
 * key makes a pass that races another one harmless. Returns the number of events handled.
 */
export async function fanOutEvents(store: DataSource, now: Date): Promise<number> {
  const events = await store.getRepository(OutboxEvent).find({ where: { dispatchedAt: IsNull() }, order: { id: 'ASC' }, take: BATCH });
  if (events.length === 0) return 0;
  const subscriptions = await store.getRepository(WebhookSubscription).findBy({ enabled: true });
  const deliveries: WebhookDelivery[] = [];
  for (const event of events) for (const s of subscriptions) if (wants(s, event)) deliveries.push(newDelivery(s, event, now));
  await store.transaction(async (tx) => {
    await bulkInsert(tx, WebhookDelivery, deliveries, { ignoreDuplicates: true });
    const ids = events.map((e) => e.id);
    await tx.createQueryBuilder().update(OutboxEvent).set({ dispatchedAt: now }).whereInIds(ids).execute();
  });
  return events.length;
}
