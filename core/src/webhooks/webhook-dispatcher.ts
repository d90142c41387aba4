import type { BlockList } from 'node:net';
import type { DataSource, EntityManager } from 'typeorm';
import { HubError, type Logger } from '@ihub/plugin-kit';
import { OutboxEvent, WebhookDelivery, WebhookSubscription } from '../store/entities';
import { uuidv7 } from '../store/uuid-v7';
import { DeliveryQueue, newAttempt, type DeliveryCompletion } from './delivery-queue';
import { fanOutEvents } from './outbox-fan-out';
import { nextRetry, retryAfterMs } from './retry-schedule';
import { sendWebhook, type SendOutcome, type SendRequest } from './webhook-sender';
import { signatureHeader } from './webhook-signature';
import type { WebhookSettings } from './webhook-settings.schema';

export interface DispatcherDeps {
  store: DataSource;
  nodeId: string;
  logger: Logger;
  settings: WebhookSettings;
  /** The secrets that sign a subscription's messages now. */
  secrets(subscription: WebhookSubscription, now: Date): string[];
  /** Private addresses the tenant allows deliveries to. */
  allowedTargets(tenantId: string): BlockList;
  /** Controllable in tests. */
  clock?: () => Date;
  random?: () => number;
  send?: (request: SendRequest) => Promise<SendOutcome>;
  /** Told about every delivered message (metrics). */
  onDelivered?: (delivery: WebhookDelivery, latencyMs: number) => void;
}

/** Deliveries in flight on one node, across all subscriptions. */
const MAX_IN_FLIGHT = 512;

/** Answers after which trying again can help; anything else is final (and can be redelivered by hand). */
function retryable(outcome: SendOutcome): boolean {
  if (outcome.blocked) return false;
  if (outcome.statusCode === null) return true;
  return outcome.statusCode === 408 || outcome.statusCode === 429 || outcome.statusCode >= 500;
}

/**
 * Moves the outbox to subscribers: turns new events into deliveries, claims due deliveries with
 * leases, signs and sends them with at most `maxConcurrency` in flight per subscription, and
 * records each attempt, scheduling a retry or giving up per the retry schedule. Every node runs
 * one; the leases make them share the work.
 */
export class WebhookDispatcher {
  private readonly queue: DeliveryQueue;
  private readonly inFlight = new Map<string, number>();
  private readonly sending = new Set<Promise<void>>();
  private completions: Array<{ completion: DeliveryCompletion; subscription: WebhookSubscription; outcome: SendOutcome }> = [];
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private claimSeq = 0;

  constructor(private readonly deps: DispatcherDeps) {
    this.queue = new DeliveryQueue(deps.store);
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming, waits for attempts in flight (bounded by the timeout) and records them. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    await Promise.all(this.sending);
    await this.flush();
  }

  /** New events or a finished attempt: look again now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** One full pass, waiting for the attempts it started (tests drive the dispatcher with it). */
  async runOnce(): Promise<void> {
    await fanOutEvents(this.deps.store, this.now());
    await this.dispatchDue();
    await Promise.all(this.sending);
    await this.flush();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let busy = false;
      try {
        await this.flush();
        busy = (await fanOutEvents(this.deps.store, this.now())) > 0;
        busy = (await this.dispatchDue()) > 0 || busy;
      } catch (err) {
        // The database may be briefly unreachable or a pass may race another node's: log, wait, go on.
        this.deps.logger.warn(`webhook dispatch pass failed: ${(err as Error).message}`);
      }
      if (!busy && this.running) await this.idle(this.deps.settings.pollInterval);
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.completions.length > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  /** Claims what this node has room for and starts sending it; returns how many it started. */
  private async dispatchDue(): Promise<number> {
    let room = MAX_IN_FLIGHT - this.sending.size;
    if (room <= 0) return 0;
    const now = this.now();
    const due = await this.queue.dueSubscriptions(now);
    if (due.length === 0) return 0;
    const subscriptions = await this.queue.enabledSubscriptions();
    let started = 0;
    for (const id of due) {
      const subscription = subscriptions.get(id);
      if (!subscription || room <= 0) continue;
      const slots = Math.min(room, subscription.maxConcurrency - (this.inFlight.get(id) ?? 0));
      if (slots <= 0) continue;
      const owner = `${this.deps.nodeId}#${++this.claimSeq}`;
      const claimed = await this.queue.claim(id, slots, owner, now, this.deps.settings.lease);
      if (claimed.length === 0) continue;
      const events = await this.queue.events(claimed.map((d) => d.eventId));
      for (const delivery of claimed) {
        const event = events.get(delivery.eventId);
        if (!event) continue;
        this.track(subscription, delivery, event);
        started++;
        room--;
      }
    }
    return started;
  }

  private track(subscription: WebhookSubscription, delivery: WebhookDelivery, event: OutboxEvent): void {
    this.inFlight.set(subscription.id, (this.inFlight.get(subscription.id) ?? 0) + 1);
    const task = this.attempt(subscription, delivery, event)
      .catch((err: Error) => this.deps.logger.error(`webhook delivery ${delivery.id} failed unexpectedly: ${err.message}`))
      .finally(() => {
        this.inFlight.set(subscription.id, (this.inFlight.get(subscription.id) ?? 1) - 1);
        this.sending.delete(task);
        this.wake();
      });
    this.sending.add(task);
  }

  private async attempt(subscription: WebhookSubscription, delivery: WebhookDelivery, event: OutboxEvent): Promise<void> {
    const startedAt = this.now();
    const body = JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: { subject: event.subject, ...event.payload } });
    // The message id is the event's: every attempt, redelivery and replay carries the same one.
    const id = `msg_${event.id}`;
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    let outcome: SendOutcome;
    try {
      const signature = signatureHeader(this.deps.secrets(subscription, startedAt), id, timestamp, body);
      outcome = await (this.deps.send ?? sendWebhook)({
        url: subscription.url,
        body,
        headers: { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
        timeoutMs: this.deps.settings.timeout,
        allowed: this.deps.allowedTargets(subscription.tenantId),
      });
    } catch (err) {
      const error = HubError.from(err);
      outcome = { statusCode: null, error: `${error.code}: ${error.message}`, latencyMs: 0, responseExcerpt: null, retryAfter: undefined, blocked: true };
    }
    const finishedAt = this.now();
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    let next: DeliveryCompletion['next'];
    if (ok) {
      next = { status: 'succeeded', nextAttemptAt: delivery.nextAttemptAt, lastStatusCode: outcome.statusCode, lastError: null, lastLatencyMs: outcome.latencyMs, deliveredAt: finishedAt };
      this.deps.onDelivered?.(delivery, finishedAt.getTime() - delivery.eventCreatedAt.getTime());
    } else {
      const decision = retryable(outcome) ? nextRetry(this.deps.settings.retrySchedule, delivery.attempts + 1, retryAfterMs(outcome.retryAfter, finishedAt), this.deps.random) : { delayMs: null };
      const error = outcome.error ?? `HTTP ${outcome.statusCode}`;
      next = decision.delayMs === null
        ? { status: 'failed', nextAttemptAt: delivery.nextAttemptAt, lastStatusCode: outcome.statusCode, lastError: error.slice(0, 500), lastLatencyMs: outcome.latencyMs, deliveredAt: null }
        : { status: 'pending', nextAttemptAt: new Date(finishedAt.getTime() + decision.delayMs), lastStatusCode: outcome.statusCode, lastError: error.slice(0, 500), lastLatencyMs: outcome.latencyMs, deliveredAt: null };
      this.deps.logger.debug(`webhook ${id} to ${subscription.name}: ${error}; ${next.status === 'pending' ? `retry at ${next.nextAttemptAt.toISOString()}` : 'giving up'}`);
    }
    this.completions.push({ completion: { delivery, attempt: newAttempt(delivery, this.deps.nodeId, startedAt, outcome), next }, subscription, outcome });
  }

  /** Records finished attempts, and what they mean for their subscriptions, in one transaction. */
  private async flush(): Promise<void> {
    if (this.completions.length === 0) return;
    const batch = this.completions;
    this.completions = [];
    const now = this.now();
    try {
      await this.queue.complete(batch.map((b) => b.completion), (tx) => this.updateSubscriptions(tx, batch, now));
    } catch (err) {
      // Not recorded means not acknowledged: the leases lapse and the messages go again (same ids).
      this.deps.logger.error(`recording ${batch.length} webhook attempts failed: ${(err as Error).message}`);
    }
  }

  private async updateSubscriptions(tx: EntityManager, batch: WebhookDispatcher['completions'], now: Date): Promise<void> {
    const bySubscription = new Map<string, { subscription: WebhookSubscription; succeeded: boolean; failed: boolean; gone: boolean }>();
    for (const { completion, subscription, outcome } of batch) {
      const entry = bySubscription.get(subscription.id) ?? { subscription, succeeded: false, failed: false, gone: false };
      if (completion.next.status === 'succeeded') entry.succeeded = true;
      else entry.failed = true;
      if (outcome.statusCode === 410) entry.gone = true;
      bySubscription.set(subscription.id, entry);
    }
    const repo = tx.getRepository(WebhookSubscription);
    for (const { subscription, succeeded, failed, gone } of bySubscription.values()) {
      if (gone) {
        await this.disable(tx, subscription, 'the consumer answered 410 Gone', now);
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
      } else if (now.getTime() - subscription.failingSince.getTime() >= this.deps.settings.disableAfter) {
        await this.disable(tx, subscription, `every delivery failed since ${subscription.failingSince.toISOString()}`, now);
      }
    }
  }

  /** Disables a subscription and raises `webhook.disabled` (which other subscriptions may hear). */
  private async disable(tx: EntityManager, subscription: WebhookSubscription, reason: string, now: Date): Promise<void> {
    const result = await tx.getRepository(WebhookSubscription).update({ id: subscription.id, enabled: true }, { enabled: false, disabledReason: reason, updatedAt: now });
    if (!result.affected) return;
    this.deps.logger.warn(`webhook subscription ${subscription.name} (${subscription.url}) disabled: ${reason}`);
    await tx.getRepository(OutboxEvent).insert({
      id: uuidv7(), tenantId: subscription.tenantId, type: 'webhook.disabled', subject: subscription.id, createdAt: now,
      payload: { subscriptionId: subscription.id, name: subscription.name, url: subscription.url, reason },
    });
  }
}
