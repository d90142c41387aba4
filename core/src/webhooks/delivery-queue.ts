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

/** Deliveries marked succeeded per UPDATE statement. */
const SUCCEEDED_CHUNK = 200;

/** A condition on `d` (webhook_delivery): due now and not leased. */
const DUE = "d.status = 'pending' AND d.next_attempt_at <= :now AND (d.lease_until IS NULL OR d.lease_until < :now)";

/**
 * The deliveries table as a work queue shared by every node: a due delivery is claimed by a
 * conditional UPDATE that sets a lease; whoever's UPDATE matched owns it until the lease ends.
 */
export class DeliveryQueue {
  constructor(private readonly store: DataSource) {}

  /**
   * Enabled subscriptions with a delivery due now and not leased, and those of `held` (which this
   * node has claimed work for) that are still enabled. One query whatever the backlog: per
   * subscription the index on (status, subscription, next attempt) finds the first due row.
   */
  async subscriptionsToServe(now: Date, held: string[]): Promise<WebhookSubscription[]> {
    const due = `EXISTS (SELECT 1 FROM webhook_delivery d WHERE d.subscription_id = s.id AND ${DUE})`;
    return this.store
      .getRepository(WebhookSubscription)
      .createQueryBuilder('s')
      .where('s.enabled = :enabled', { enabled: true })
      .andWhere(held.length > 0 ? `(${due} OR s.id IN (:...held))` : due, { now, held })
      .getMany();
  }

  /** Claims up to `limit` due deliveries of one subscription, oldest first; returns those this node got. */
  async claim(subscriptionId: string, limit: number, owner: string, now: Date, leaseMs: number): Promise<WebhookDelivery[]> {
    const repo = this.store.getRepository(WebhookDelivery);
    const due = await repo
      .createQueryBuilder('d')
      .where(`d.subscription_id = :subscriptionId AND ${DUE}`, { subscriptionId, now })
      .orderBy('d.next_attempt_at', 'ASC')
      .limit(limit)
      .getMany();
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    const lease = { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) };
    // Another node may have claimed some of them since the SELECT: the same condition again decides.
    const { affected } = await repo
      .createQueryBuilder()
      .update()
      .set(lease)
      .where("id IN (:...ids) AND status = 'pending' AND (lease_until IS NULL OR lease_until < :now)", { ids, now })
      .execute();
    // All of them, the usual case: no need to read back which.
    if (affected === ids.length) return due.map((d) => Object.assign(d, lease));
    return repo.find({ where: { id: In(ids), leaseOwner: owner }, order: { nextAttemptAt: 'ASC' } });
  }

  async events(ids: string[]): Promise<Map<string, OutboxEvent>> {
    if (ids.length === 0) return new Map();
    const rows = await this.store.getRepository(OutboxEvent).findBy({ id: In(ids) });
    return new Map(rows.map((e) => [e.id, e]));
  }

  /** Gives claimed deliveries back at once (a stopping node), instead of when their lease ends. */
  async release(deliveries: WebhookDelivery[]): Promise<void> {
    for (const [owner, ids] of idsByLeaseOwner(deliveries)) {
      await this.store.createQueryBuilder().update(WebhookDelivery).set({ leaseOwner: null, leaseUntil: null }).where('id IN (:...ids) AND lease_owner = :owner', { ids, owner }).execute();
    }
  }

  /** Writes attempts and outcomes of many deliveries in one transaction; `after` adds more writes to it. */
  async complete(completions: DeliveryCompletion[], after?: (tx: EntityManager) => Promise<void>): Promise<void> {
    await this.store.transaction(async (tx) => {
      await bulkInsert(tx, WebhookAttempt, completions.map((c) => c.attempt));
      const succeeded = completions.filter((c) => c.next.status === 'succeeded');
      for (let i = 0; i < succeeded.length; i += SUCCEEDED_CHUNK) await markSucceeded(tx, succeeded.slice(i, i + SUCCEEDED_CHUNK));
      for (const c of completions) {
        if (c.next.status === 'succeeded') continue;
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
}

function idsByLeaseOwner(deliveries: WebhookDelivery[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const d of deliveries) {
    const group = groups.get(d.leaseOwner!);
    if (group) group.push(d.id);
    else groups.set(d.leaseOwner!, [d.id]);
  }
  return groups;
}

/**
 * Marks succeeded deliveries in one UPDATE (the common case, and the one that decides
 * throughput): per-row answer code, latency, time and expected lease owner in CASE expressions.
 */
async function markSucceeded(tx: EntityManager, completions: DeliveryCompletion[]): Promise<void> {
  const meta = tx.connection.getMetadata(WebhookDelivery);
  const { driver } = tx.connection;
  const column = (property: string) => meta.findColumnWithPropertyName(property)!;
  const q = (property: string) => driver.escape(column(property).databaseName);
  const params: unknown[] = [];
  const perRow = (property: string, value: (c: DeliveryCompletion) => unknown) => {
    const cases = completions.map((c) => {
      params.push(c.delivery.id, driver.preparePersistentValue(value(c), column(property)));
      return 'WHEN ? THEN ?';
    });
    return `CASE ${q('id')} ${cases.join(' ')} END`;
  };
  const set = [
    `${q('status')} = 'succeeded'`, `${q('attempts')} = ${q('attempts')} + 1`, `${q('leaseOwner')} = NULL`, `${q('leaseUntil')} = NULL`, `${q('lastError')} = NULL`,
    `${q('lastStatusCode')} = ${perRow('lastStatusCode', (c) => c.next.lastStatusCode)}`,
    `${q('lastLatencyMs')} = ${perRow('lastLatencyMs', (c) => c.next.lastLatencyMs)}`,
    `${q('deliveredAt')} = ${perRow('deliveredAt', (c) => c.next.deliveredAt)}`,
  ];
  const owner = perRow('leaseOwner', (c) => c.delivery.leaseOwner);
  params.push(...completions.map((c) => c.delivery.id));
  await tx.query(`UPDATE ${driver.escape(meta.tableName)} SET ${set.join(', ')} WHERE ${q('leaseOwner')} = ${owner} AND ${q('id')} IN (${completions.map(() => '?').join(', ')})`, params);
}

export function newAttempt(delivery: WebhookDelivery, nodeId: string, startedAt: Date, outcome: { statusCode: number | null; error: string | null; latencyMs: number; responseExcerpt: string | null }): WebhookAttempt {
  return {
    id: uuidv7(), deliveryId: delivery.id, attempt: delivery.attempts + 1, nodeId, statusCode: outcome.statusCode, error: outcome.error?.slice(0, 500) ?? null,
    latencyMs: outcome.latencyMs, responseExcerpt: outcome.responseExcerpt?.slice(0, 1000) ?? null, startedAt,
  };
}
