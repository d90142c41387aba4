import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { OutboxEvent, WebhookAttempt, WebhookDelivery, WebhookSubscription } from '../store/entities';
import { bulkInsert } from '../store/bulk-write';
import { uuidv7 } from '../store/uuid-v7';

/** How one attempt changes its delivery; applied only if this node still holds the lease. */
export interface DeliveryCompletion {
  delivery: WebhookDelivery;
  attempt: WebhookAttempt;
  next: Pick<WebhookDelivery, 'status' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'lastLatencyMs' | 'deliveredAt'>;
}

/**
 * The deliveries table as a work queue shared by every node: a due delivery is claimed by a
 * conditional UPDATE that sets a lease; whoever's UPDATE matched owns it until the lease ends.
 */
export class DeliveryQueue {
  constructor(private readonly store: DataSource) {}

  /** Subscriptions with deliveries due now and not leased. */
  async dueSubscriptions(now: Date): Promise<string[]> {
    const rows: Array<{ subscription_id: string }> = await this.store
      .createQueryBuilder(WebhookDelivery, 'd')
      .select('DISTINCT d.subscription_id', 'subscription_id')
      .where("d.status = 'pending' AND d.next_attempt_at <= :now AND (d.lease_until IS NULL OR d.lease_until < :now)", { now })
      .getRawMany();
    return rows.map((r) => r.subscription_id);
  }

  /** Claims up to `limit` due deliveries of one subscription, oldest first; returns those this node got. */
  async claim(subscriptionId: string, limit: number, owner: string, now: Date, leaseMs: number): Promise<WebhookDelivery[]> {
    const repo = this.store.getRepository(WebhookDelivery);
    const due = await repo
      .createQueryBuilder('d')
      .select('d.id', 'id')
      .where("d.subscription_id = :subscriptionId AND d.status = 'pending' AND d.next_attempt_at <= :now AND (d.lease_until IS NULL OR d.lease_until < :now)", { subscriptionId, now })
      .orderBy('d.next_attempt_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    // Another node may have claimed some of them since the SELECT: the same condition again decides.
    await repo
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) })
      .where("id IN (:...ids) AND status = 'pending' AND (lease_until IS NULL OR lease_until < :now)", { ids, now })
      .execute();
    return repo.findBy({ id: In(ids), leaseOwner: owner });
  }

  async events(ids: string[]): Promise<Map<string, OutboxEvent>> {
    if (ids.length === 0) return new Map();
    const rows = await this.store.getRepository(OutboxEvent).findBy({ id: In(ids) });
    return new Map(rows.map((e) => [e.id, e]));
  }

  /** Writes attempts and outcomes of many deliveries in one transaction; `after` adds more writes to it. */
  async complete(completions: DeliveryCompletion[], after?: (tx: EntityManager) => Promise<void>): Promise<void> {
    await this.store.transaction(async (tx) => {
      await bulkInsert(tx, WebhookAttempt, completions.map((c) => c.attempt));
      for (const c of completions) {
        await tx
          .createQueryBuilder()
          .update(WebhookDelivery)
          .set({ ...c.next, attempts: () => 'attempts + 1', leaseOwner: null, leaseUntil: null })
          .where('id = :id AND lease_owner = :owner', { id: c.delivery.id, owner: c.delivery.leaseOwner })
          .execute();
      }
      if (after) await after(tx);
    });
  }

  async enabledSubscriptions(): Promise<Map<string, WebhookSubscription>> {
    const rows = await this.store.getRepository(WebhookSubscription).findBy({ enabled: true });
    return new Map(rows.map((s) => [s.id, s]));
  }
}

export function newAttempt(delivery: WebhookDelivery, nodeId: string, startedAt: Date, outcome: { statusCode: number | null; error: string | null; latencyMs: number; responseExcerpt: string | null }): WebhookAttempt {
  return {
    id: uuidv7(), deliveryId: delivery.id, attempt: delivery.attempts + 1, nodeId, statusCode: outcome.statusCode, error: outcome.error?.slice(0, 500) ?? null,
    latencyMs: outcome.latencyMs, responseExcerpt: outcome.responseExcerpt?.slice(0, 1000) ?? null, startedAt,
  };
}
