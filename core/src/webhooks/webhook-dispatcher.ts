import type { BlockList } from 'node:net';
import type { DataSource } from 'typeorm';
import { HubError, type Logger } from '@ihub/plugin-kit';
import type { OutboxEvent, WebhookDelivery, WebhookSubscription } from '../store/entities';
import { AttemptRecorder } from './attempt-recorder';
import { DeliveryQueue, newAttempt, type DeliveryCompletion } from './delivery-queue';
import { fanOutEvents } from './outbox-fan-out';
import { nextRetry, retryAfterMs } from './retry-schedule';
import { RepeatingJob } from './repeating-job';
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

/** Deliveries claimed and not yet recorded on one node, across all subscriptions. */
const MAX_HELD = 2048;
/**
 * A subscription's deliveries are claimed up to this many times its concurrency ahead of
 * sending, so that one claim (two queries) serves many sends; the next claim is made when half
 * of them are gone.
 */
const CLAIM_AHEAD = 10;

/** Claimed deliveries of one subscription on this node: waiting to be sent, and in flight. */
interface Lane {
  subscription: WebhookSubscription;
  waiting: Array<{ delivery: WebhookDelivery; event: OutboxEvent }>;
  inFlight: number;
  /** The last claim got some, so more may be due. */
  more: boolean;
}

/** Answers after which trying again can help; anything else is final (and can be redelivered by hand). */
function retryable(outcome: SendOutcome): boolean {
  if (outcome.blocked) return false;
  if (outcome.statusCode === null) return true;
  return outcome.statusCode === 408 || outcome.statusCode === 429 || outcome.statusCode >= 500;
}

/**
 * Moves the outbox to subscribers: turns new events into deliveries, claims due deliveries with
 * leases (a batch per subscription, ahead of sending), signs and sends them with at most
 * `maxConcurrency` in flight per subscription, and records attempts in batches, scheduling a
 * retry or giving up per the retry schedule. Fan-out and claiming are separate loops, so that a
 * large fan-out never starves the senders. Every node runs one; the leases make them share the work.
 */
export class WebhookDispatcher {
  private readonly queue: DeliveryQueue;
  private readonly lanes = new Map<string, Lane>();
  private readonly sending = new Set<Promise<void>>();
  private readonly secrets = new WeakMap<WebhookSubscription, { secrets: string[]; until: number }>();
  /** Deliveries waiting in lanes or in flight. */
  private held = 0;
  private readonly recorder: AttemptRecorder;
  private running = false;
  private claimSeq = 0;
  private readonly fanOut: RepeatingJob;
  private readonly claims: RepeatingJob;

  constructor(private readonly deps: DispatcherDeps) {
    this.queue = new DeliveryQueue(deps.store);
    this.recorder = new AttemptRecorder(this.queue, { disableAfter: deps.settings.disableAfter, logger: deps.logger, now: () => this.now() });
    // The database may be briefly unreachable or a pass may race another node's: log, wait, go on.
    const failed = (what: string) => (err: Error) => deps.logger.warn(`webhook ${what} failed: ${err.message}`);
    this.fanOut = new RepeatingJob(async () => {
      const handled = await fanOutEvents(deps.store, this.now());
      if (handled > 0) this.claims.wake();
      // Events came: look again at once, more may be waiting (a pass takes a bounded batch).
      return handled > 0;
    }, deps.settings.pollInterval, failed('fan-out'));
    this.claims = new RepeatingJob(async () => {
      await this.claimDue();
      // Lanes running low wake this loop; nothing to repeat at once.
      return false;
    }, deps.settings.pollInterval, failed('claim pass'));
  }

  private now(): Date {
    return this.deps.clock?.() ?? new Date();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.fanOut.start();
    this.claims.start();
  }

  /** Stops claiming, waits for attempts in flight (bounded by the timeout), gives back unsent claims and records the rest. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all([this.fanOut.stop(), this.claims.stop()]);
    await Promise.all(this.sending);
    await Promise.all([...this.lanes.values()].map((lane) => this.giveBack(lane)));
    this.lanes.clear();
    await this.recorder.flush();
  }

  /** New events or a redelivery: look again now instead of at the next poll. */
  wake(): void {
    this.fanOut.wake();
    this.claims.wake();
  }

  /**
   * Tops up the lane of every subscription with due deliveries, as far as this node has room, and
   * gives back what lanes hold for subscriptions disabled or deleted since they were claimed.
   */
  private async claimDue(): Promise<void> {
    // Lanes with nothing left go: a due subscription gets a fresh one.
    for (const [id, lane] of this.lanes) if (lane.waiting.length === 0 && lane.inFlight === 0) this.lanes.delete(id);
    const now = this.now();
    const serve = await this.queue.subscriptionsToServe(now, [...this.lanes.keys()]);
    const enabled = new Set(serve.map((s) => s.id));
    for (const [id, lane] of this.lanes) {
      if (enabled.has(id)) continue;
      this.lanes.delete(id);
      await this.giveBack(lane);
    }
    for (const subscription of serve) {
      const lane = this.lane(subscription);
      const room = Math.min(MAX_HELD - this.held - this.recorder.waiting, subscription.maxConcurrency * CLAIM_AHEAD - lane.waiting.length - lane.inFlight);
      if (room <= 0) continue;
      const claimed = await this.queue.claim(subscription.id, room, `${this.deps.nodeId}#${++this.claimSeq}`, now, this.deps.settings.lease);
      // Got some: more may be due (another node may have taken the rest, and then the next claim finds none).
      lane.more = claimed.length > 0;
      const events = await this.queue.events(claimed.map((d) => d.eventId));
      for (const delivery of claimed) {
        const event = events.get(delivery.eventId);
        if (!event) continue;
        lane.waiting.push({ delivery, event });
        this.held++;
      }
      this.pump(lane);
    }
  }

  /**
   * The subscription's signing secrets, decrypted once per subscription row read (each claim reads
   * it afresh, so a rotation applies from the next claim) and again once a previous secret expires.
   */
  private secretsOf(subscription: WebhookSubscription, now: Date): string[] {
    const cached = this.secrets.get(subscription);
    if (cached && now.getTime() < cached.until) return cached.secrets;
    const secrets = this.deps.secrets(subscription, now);
    const overlapEnds = subscription.previousSecretExpiresAt;
    this.secrets.set(subscription, { secrets, until: overlapEnds && overlapEnds > now ? overlapEnds.getTime() : Infinity });
    return secrets;
  }

  private lane(subscription: WebhookSubscription): Lane {
    let lane = this.lanes.get(subscription.id);
    if (!lane) this.lanes.set(subscription.id, (lane = { subscription, waiting: [], inFlight: 0, more: false }));
    // The row as read now: concurrency, URL and secret changes apply to what is sent next.
    lane.subscription = subscription;
    return lane;
  }

  /** Starts sends from the lane while the subscription's concurrency allows. */
  private pump(lane: Lane): void {
    while (this.running && lane.inFlight < lane.subscription.maxConcurrency && lane.waiting.length > 0) {
      const { delivery, event } = lane.waiting.shift()!;
      // A lease that lapsed while the delivery waited may be another node's by now: leave it to the queue.
      if (delivery.leaseUntil! <= this.now()) {
        this.held--;
        continue;
      }
      lane.inFlight++;
      const task = this.attempt(lane, delivery, event)
        .catch((err: Error) => this.deps.logger.error(`webhook delivery ${delivery.id} failed unexpectedly: ${err.message}`))
        .finally(() => {
          lane.inFlight--;
          this.held--;
          this.sending.delete(task);
          this.pump(lane);
          // Claim the next batch before this one runs dry.
          if (lane.more && lane.waiting.length <= (lane.subscription.maxConcurrency * CLAIM_AHEAD) / 2) this.claims.wake();
        });
      this.sending.add(task);
    }
  }

  private async attempt(lane: Lane, delivery: WebhookDelivery, event: OutboxEvent): Promise<void> {
    const { subscription } = lane;
    const startedAt = this.now();
    const body = JSON.stringify({ type: event.type, timestamp: event.createdAt.toISOString(), data: { subject: event.subject, ...event.payload } });
    // The message id is the event's: every attempt, redelivery and replay carries the same one.
    const id = `msg_${event.id}`;
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    let outcome: SendOutcome;
    try {
      const signature = signatureHeader(this.secretsOf(subscription, startedAt), id, timestamp, body);
      outcome = await (this.deps.send ?? sendWebhook)({
        url: subscription.url,
        body,
        headers: { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
        timeoutMs: this.deps.settings.timeout,
        allowed: this.deps.allowedTargets(subscription.tenantId),
      });
    } catch (err) {
      // This node could not sign (a config file it has not loaded, a secret key it lacks): the
      // delivery is fine, so it is retried on the schedule, where a reload or another node can send it.
      const error = HubError.from(err);
      this.deps.logger.warn(`webhook ${id} to ${subscription.name} not sent: ${error.code} ${error.message}`);
      outcome = { statusCode: null, error: `${error.code}: ${error.message}`, latencyMs: 0, responseExcerpt: null, retryAfter: undefined, blocked: false };
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
    this.recorder.add({ completion: { delivery, attempt: newAttempt(delivery, this.deps.nodeId, startedAt, outcome), next }, subscription, outcome });
    // The consumer wants nothing more (the subscription is being disabled): send it none of what this node has claimed ahead.
    if (outcome.statusCode === 410) void this.giveBack(lane);
  }

  /** Hands a lane's unsent claims back to the queue at once, rather than when their leases lapse. */
  private giveBack(lane: Lane): Promise<void> {
    const unsent = lane.waiting.splice(0).map((w) => w.delivery);
    this.held -= unsent.length;
    return this.queue.release(unsent).catch((err: Error) => this.deps.logger.warn(`giving back ${unsent.length} claimed webhook deliveries failed (their leases will lapse): ${err.message}`));
  }
}
