import type { Logger } from '@ihub/plugin-kit';
import type { WebhookSubscription } from '../store/entities';
import type { DeliveryCompletion, DeliveryQueue } from './delivery-queue';
import { recordSubscriptionOutcomes, type SubscriptionOutcome } from './subscription-health';
import type { SendOutcome } from './webhook-sender';

/** Finished attempts are recorded in one transaction per batch: at this many, or this long after the first. */
const BATCH = 500;
const DELAY_MS = 100;

export interface FinishedAttempt {
  completion: DeliveryCompletion;
  subscription: WebhookSubscription;
  outcome: SendOutcome;
}

/**
 * Records finished attempts, and what they mean for their subscriptions, in batches: a batch
 * costs one transaction however many attempts it holds. Until recorded, an attempt's delivery
 * stays leased to this node; one that is never recorded (the node died) is sent again.
 */
export class AttemptRecorder {
  private finished: FinishedAttempt[] = [];
  private recording: Promise<void> = Promise.resolve();
  private queued = false;
  private timer?: NodeJS.Timeout;

  constructor(private readonly queue: DeliveryQueue, private readonly settings: { disableAfter: number; logger: Logger; now: () => Date }) {}

  /** Attempts finished and not yet handed to the database. */
  get waiting(): number {
    return this.finished.length;
  }

  add(attempt: FinishedAttempt): void {
    this.finished.push(attempt);
    if (this.finished.length < BATCH) {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, DELAY_MS);
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.flush();
  }

  /** Records what has finished; one recording at a time, and at most one more queued behind it (it takes whatever has finished by then). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queued) {
      this.queued = true;
      this.recording = this.recording.then(() => {
        this.queued = false;
        return this.record();
      });
    }
    return this.recording;
  }

  private async record(): Promise<void> {
    if (this.finished.length === 0) return;
    const batch = this.finished;
    this.finished = [];
    const outcomes = new Map<string, SubscriptionOutcome>();
    for (const { completion, subscription, outcome } of batch) {
      const entry = outcomes.get(subscription.id) ?? { subscription, succeeded: false, failed: false, gone: false };
      if (completion.next.status === 'succeeded') entry.succeeded = true;
      else entry.failed = true;
      if (outcome.statusCode === 410) entry.gone = true;
      outcomes.set(subscription.id, entry);
    }
    const { logger, disableAfter } = this.settings;
    try {
      await this.queue.complete(batch.map((b) => b.completion), (tx) => recordSubscriptionOutcomes(tx, outcomes.values(), this.settings.now(), { disableAfter, logger }));
    } catch (err) {
      // Not recorded means not acknowledged: the leases lapse and the messages go again (same ids).
      logger.error(`recording ${batch.length} webhook attempts failed: ${(err as Error).message}`);
    }
  }
}
