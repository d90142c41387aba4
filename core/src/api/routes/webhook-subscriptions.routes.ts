import { z } from 'zod';
import { WebhookSubscription } from '../../store/entities';
import { defineRoute } from '../api-route';
import { idParams, iso, listPage, page, pageQuery } from './common.schema';
import { EVENT_CATALOG, EVENT_TYPES, envelopeSchema } from '../../webhooks/event-catalog';
import { subscriptionChangeSchema, subscriptionFields, subscriptionFilterSchema } from '../../webhooks/subscription.schema';
import { createSubscription, deleteSubscription, findSubscription, rotateSecret, sendTestEvent, updateSubscription } from '../../webhooks/subscription-admin';
import { WEBHOOKS_WAKE_EVENT } from '../../services/webhooks.service';
import type { ApiDeps } from '../api-route';

const subscriptionSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  filter: subscriptionFilterSchema.nullable(),
  enabled: z.boolean(),
  disabledReason: z.string().nullable().describe('Why the hub disabled it (410 Gone, failing too long).'),
  maxConcurrency: z.number().int(),
  failingSince: z.iso.datetime().nullable().describe('Start of the current run of failed deliveries.'),
  secretRotatedUntil: z.iso.datetime().nullable().describe('Until when the previous secret also signs, after a rotation.'),
  source: z.string().nullable().describe('Config file it is declared in; null when made over the API or CLI.'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const subscriptionView = (s: WebhookSubscription): z.infer<typeof subscriptionSchema> => ({
  id: s.id, name: s.name, url: s.url, description: s.description, events: s.eventTypes, filter: s.filter, enabled: s.enabled, disabledReason: s.disabledReason,
  maxConcurrency: s.maxConcurrency, failingSince: iso(s.failingSince), secretRotatedUntil: iso(s.previousSecretExpiresAt), source: s.source,
  createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString(),
});

const withSecret = subscriptionSchema.extend({ secret: z.string().describe('The signing secret (`whsec_…`). Store it now: it is not shown again.') });

const adminDeps = ({ runtime }: ApiDeps) => ({ store: runtime.store, box: runtime.secretBox(), defaultConcurrency: runtime.config.hub.webhooks.maxConcurrency });

export const webhookSubscriptionRoutes = [
  defineRoute({
    operationId: 'listWebhookEventTypes',
    method: 'GET',
    path: '/webhooks/event-types',
    tag: 'Webhooks',
    summary: 'The event types a subscription can ask for, with the JSON Schema of each delivery body',
    scope: 'read',
    response: z.strictObject({ data: z.array(z.strictObject({ type: z.string(), description: z.string(), schema: z.record(z.string(), z.unknown()) })) }),
    handler: async () => ({
      data: EVENT_TYPES.map((type) => ({ type, description: EVENT_CATALOG[type].description, schema: z.toJSONSchema(envelopeSchema(type), { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown> })),
    }),
  }),
  defineRoute({
    operationId: 'listWebhookSubscriptions',
    method: 'GET',
    path: '/webhooks/subscriptions',
    tag: 'Webhooks',
    summary: "List the tenant's webhook subscriptions (never their secrets)",
    scope: 'read',
    query: z.strictObject({ ...pageQuery }),
    response: page(subscriptionSchema),
    handler: async ({ runtime }, caller, { query }) => {
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(WebhookSubscription), { tenantId: caller.tenantId }, query);
      return { data: rows.map(subscriptionView), nextCursor };
    },
  }),
  defineRoute({
    operationId: 'createWebhookSubscription',
    method: 'POST',
    path: '/webhooks/subscriptions',
    tag: 'Webhooks',
    summary: 'Subscribe a URL to events; the signing secret is in this response only',
    description: 'Deliveries follow the Standard Webhooks specification: `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, body `{type, timestamp, data}`.',
    scope: 'admin',
    body: z.strictObject(subscriptionFields),
    status: 201,
    response: withSecret,
    handler: async (deps, caller, { body }) => {
      const { subscription, secret } = await createSubscription(adminDeps(deps), caller.tenantId, body);
      return { ...subscriptionView(subscription), secret };
    },
  }),
  defineRoute({
    operationId: 'getWebhookSubscription',
    method: 'GET',
    path: '/webhooks/subscriptions/{id}',
    tag: 'Webhooks',
    summary: 'Get a webhook subscription',
    scope: 'read',
    params: idParams,
    response: subscriptionSchema,
    handler: async ({ runtime }, caller, { params }) => subscriptionView(await findSubscription(runtime.store, caller.tenantId, params.id)),
  }),
  defineRoute({
    operationId: 'updateWebhookSubscription',
    method: 'PATCH',
    path: '/webhooks/subscriptions/{id}',
    tag: 'Webhooks',
    summary: 'Change a subscription; `enabled: true` re-enables one the hub disabled',
    scope: 'admin',
    params: idParams,
    body: z.strictObject({ ...subscriptionChangeSchema.shape }).refine((b) => Object.keys(b).length > 0, 'give at least one field to change'),
    response: subscriptionSchema,
    handler: async ({ runtime, broker }, caller, { params, body }) => {
      const updated = await updateSubscription(runtime.store, caller.tenantId, params.id, body);
      if (body.enabled) await broker.broadcast(WEBHOOKS_WAKE_EVENT, {});
      return subscriptionView(updated);
    },
  }),
  defineRoute({
    operationId: 'deleteWebhookSubscription',
    method: 'DELETE',
    path: '/webhooks/subscriptions/{id}',
    tag: 'Webhooks',
    summary: 'Delete a subscription; nothing more is sent to it',
    scope: 'admin',
    params: idParams,
    status: 204,
    response: z.null(),
    handler: async ({ runtime }, caller, { params }) => {
      await deleteSubscription(runtime.store, caller.tenantId, params.id);
      return null;
    },
  }),
  defineRoute({
    operationId: 'rotateWebhookSecret',
    method: 'POST',
    path: '/webhooks/subscriptions/{id}/rotate-secret',
    tag: 'Webhooks',
    summary: 'Replace the signing secret; the old one keeps signing during the overlap',
    scope: 'admin',
    params: idParams,
    body: z.strictObject({ overlapSeconds: z.number().int().min(0).max(7 * 86_400).default(86_400).describe('How long the previous secret also signs (both signatures are sent). Default 24 h.') }),
    response: withSecret,
    handler: async (deps, caller, { params, body }) => {
      const { subscription, secret } = await rotateSecret(adminDeps(deps), caller.tenantId, params.id, body.overlapSeconds);
      return { ...subscriptionView(subscription), secret };
    },
  }),
  defineRoute({
    operationId: 'sendWebhookTestEvent',
    method: 'POST',
    path: '/webhooks/subscriptions/{id}/test',
    tag: 'Webhooks',
    summary: 'Send a `webhook.test` event to this subscription',
    scope: 'write',
    params: idParams,
    status: 202,
    response: z.strictObject({ eventId: z.string(), messageId: z.string().describe('The `webhook-id` the delivery will carry.') }),
    handler: async ({ runtime, broker }, caller, { params }) => {
      const eventId = await sendTestEvent(runtime.store, await findSubscription(runtime.store, caller.tenantId, params.id));
      await broker.broadcast(WEBHOOKS_WAKE_EVENT, {});
      return { eventId, messageId: `msg_${eventId}` };
    },
  }),
];
