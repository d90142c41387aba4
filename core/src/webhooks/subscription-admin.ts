import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { HubError, NotFoundError } from '@ihub/plugin-kit';
import type { SecretBox } from '../security';
import { OutboxEvent, WebhookSubscription, type SubscriptionFilter } from '../store/entities';
import { uuidv7 } from '../store/uuid-v7';
import { generateWebhookSecret } from './webhook-signature';

export interface SubscriptionInput {
  name: string;
  url: string;
  events: string[];
  filter?: SubscriptionFilter;
  description?: string;
  enabled: boolean;
  maxConcurrency?: number;
}

export interface SubscriptionDeps {
  store: DataSource;
  box: SecretBox;
  defaultConcurrency: number;
}

/** Creates a subscription with a new secret; the secret is returned here only. */
export async function createSubscription(deps: SubscriptionDeps, tenantId: string, input: SubscriptionInput): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const repo = deps.store.getRepository(WebhookSubscription);
  if (await repo.existsBy({ tenantId, name: input.name })) throw new HubError('IHUB_CONFLICT', `a webhook subscription named '${input.name}' exists`, { fault: 'user', data: { details: [{ in: 'body', field: 'name', message: 'already used in this tenant' }] } });
  const secret = generateWebhookSecret();
  const now = new Date();
  const subscription: WebhookSubscription = {
    id: randomUUID(), tenantId, name: input.name, url: input.url, description: input.description ?? null, eventTypes: input.events, filter: input.filter ?? null,
    enabled: input.enabled, disabledReason: null, secret: deps.box.encrypt(secret), previousSecret: null, previousSecretExpiresAt: null,
    maxConcurrency: input.maxConcurrency ?? deps.defaultConcurrency, failingSince: null, source: null, createdAt: now, updatedAt: now,
  };
  // A copy: on MySQL, insert() writes the columns it reloads back into the object unconverted (enabled: 1).
  await repo.insert({ ...subscription });
  return { subscription, secret };
}

/** A subscription of the tenant, or a 404. Subscriptions of other tenants do not exist for the caller. */
export async function findSubscription(store: DataSource, tenantId: string, id: string): Promise<WebhookSubscription> {
  const found = await store.getRepository(WebhookSubscription).findOneBy({ id, tenantId });
  if (!found) throw new NotFoundError('webhook subscription', id);
  return found;
}

function assertEditable(subscription: WebhookSubscription, what: string): void {
  if (subscription.source !== null) {
    throw new HubError('IHUB_CONFLICT', `subscription '${subscription.name}' is declared in ${subscription.source}; ${what} it there`, { fault: 'user' });
  }
}

/** Changes a subscription; re-enabling clears the failure record so it gets a fresh start. */
export async function updateSubscription(store: DataSource, tenantId: string, id: string, change: Partial<SubscriptionInput>): Promise<WebhookSubscription> {
  const subscription = await findSubscription(store, tenantId, id);
  const onlyEnabled = Object.keys(change).every((k) => k === 'enabled');
  // Switching a declared subscription on or off is an operation; its definition belongs to its file.
  if (!onlyEnabled) assertEditable(subscription, 'change');
  const next: Partial<WebhookSubscription> = { updatedAt: new Date() };
  if (change.url !== undefined) next.url = change.url;
  if (change.events !== undefined) next.eventTypes = change.events;
  if (change.filter !== undefined) next.filter = change.filter;
  if (change.description !== undefined) next.description = change.description;
  if (change.maxConcurrency !== undefined) next.maxConcurrency = change.maxConcurrency;
  if (change.enabled !== undefined) {
    next.enabled = change.enabled;
    if (change.enabled) Object.assign(next, { disabledReason: null, failingSince: null });
  }
  await store.getRepository(WebhookSubscription).update({ id }, next);
  return findSubscription(store, tenantId, id);
}

export async function deleteSubscription(store: DataSource, tenantId: string, id: string): Promise<void> {
  const subscription = await findSubscription(store, tenantId, id);
  assertEditable(subscription, 'remove');
  await store.getRepository(WebhookSubscription).delete({ id });
}

/**
 * A new secret for a subscription. The old one keeps signing (both signatures are sent) for
 * `overlapSeconds`, so consumers can switch without dropping a message.
 */
export async function rotateSecret(deps: SubscriptionDeps, tenantId: string, id: string, overlapSeconds: number): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const subscription = await findSubscription(deps.store, tenantId, id);
  assertEditable(subscription, 'rotate its secret');
  const secret = generateWebhookSecret();
  const now = new Date();
  await deps.store.getRepository(WebhookSubscription).update({ id }, {
    secret: deps.box.encrypt(secret),
    previousSecret: overlapSeconds > 0 ? subscription.secret : null,
    previousSecretExpiresAt: overlapSeconds > 0 ? new Date(now.getTime() + overlapSeconds * 1000) : null,
    updatedAt: now,
  });
  return { subscription: await findSubscription(deps.store, tenantId, id), secret };
}

/** Puts a `webhook.test` event in the outbox; the dispatcher sends it to this subscription only. */
export async function sendTestEvent(store: DataSource, subscription: WebhookSubscription): Promise<string> {
  const id = uuidv7();
  await store.getRepository(OutboxEvent).insert({
    id, tenantId: subscription.tenantId, type: 'webhook.test', subject: subscription.id, createdAt: new Date(),
    payload: { subscriptionId: subscription.id, message: `test event for subscription '${subscription.name}'` },
  });
  return id;
}
