import { z } from 'zod';
import { WebhookAttempt, WebhookDelivery } from '../../store/entities';
import { defineRoute } from '../api-route';
import { validationError } from '../api-errors';
import { idParams, iso, listPage, page, pageQuery } from './common.schema';
import { findSubscription } from '../../webhooks/subscription-admin';
import { findDelivery, redeliver, replay } from '../../webhooks/delivery-admin';
import { WEBHOOKS_WAKE_EVENT } from '../../services/webhooks.service';

const attemptSchema = z.strictObject({
  attempt: z.number().int(),
  startedAt: z.iso.datetime(),
  statusCode: z.number().int().nullable().describe('Null when no answer came (timeout, refused connection, blocked address).'),
  error: z.string().nullable(),
  latencyMs: z.number().int(),
  responseExcerpt: z.string().nullable().describe('The first 1,000 characters of the answer.'),
  nodeId: z.string(),
});

const deliverySchema = z.strictObject({
  id: z.uuid(),
  subscriptionId: z.uuid(),
  eventId: z.string(),
  messageId: z.string().describe('The `webhook-id` header: the same on every attempt, redelivery and replay.'),
  eventType: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable().describe('When a pending delivery is tried next.'),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastLatencyMs: z.number().int().nullable(),
  deliveredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

const deliveryView = (d: WebhookDelivery): z.infer<typeof deliverySchema> => ({
  id: d.id, subscriptionId: d.subscriptionId, eventId: d.eventId, messageId: `msg_${d.eventId}`, eventType: d.eventType, status: d.status, attempts: d.attempts,
  nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null, lastStatusCode: d.lastStatusCode, lastError: d.lastError, lastLatencyMs: d.lastLatencyMs,
  deliveredAt: iso(d.deliveredAt), createdAt: d.createdAt.toISOString(),
});

const attemptView = (a: WebhookAttempt): z.infer<typeof attemptSchema> => ({
  attempt: a.attempt, startedAt: a.startedAt.toISOString(), statusCode: a.statusCode, error: a.error, latencyMs: a.latencyMs, responseExcerpt: a.responseExcerpt, nodeId: a.nodeId,
});

export const webhookDeliveryRoutes = [
  defineRoute({
    operationId: 'listWebhookDeliveries',
    method: 'GET',
    path: '/webhooks/subscriptions/{id}/deliveries',
    tag: 'Webhooks',
    summary: "A subscription's deliveries, oldest first",
    scope: 'read',
    params: idParams,
    query: z.strictObject({ ...pageQuery, status: z.enum(['pending', 'succeeded', 'failed']).optional().describe('Only deliveries in this state.') }),
    response: page(deliverySchema),
    handler: async ({ runtime }, caller, { params, query }) => {
      await findSubscription(runtime.store, caller.tenantId, params.id);
      const where = { tenantId: caller.tenantId, subscriptionId: params.id, ...(query.status ? { status: query.status } : {}) };
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(WebhookDelivery), where, query);
      return { data: rows.map(deliveryView), nextCursor };
    },
  }),
  defineRoute({
    operationId: 'getWebhookDelivery',
    method: 'GET',
    path: '/webhooks/deliveries/{id}',
    tag: 'Webhooks',
    summary: 'A delivery with every attempt: answer code, latency and the start of the answer',
    scope: 'read',
    params: idParams,
    response: deliverySchema.extend({ history: z.array(attemptSchema) }),
    handler: async ({ runtime }, caller, { params }) => {
      const delivery = await findDelivery(runtime.store, caller.tenantId, params.id);
      const attempts = await runtime.store.getRepository(WebhookAttempt).find({ where: { deliveryId: delivery.id }, order: { attempt: 'ASC', startedAt: 'ASC' } });
      return { ...deliveryView(delivery), history: attempts.map(attemptView) };
    },
  }),
  defineRoute({
    operationId: 'redeliverWebhook',
    method: 'POST',
    path: '/webhooks/deliveries/{id}/redeliver',
    tag: 'Webhooks',
    summary: 'Send a delivery again now, with the same message id',
    scope: 'write',
    params: idParams,
    status: 202,
    response: deliverySchema,
    handler: async ({ runtime, broker }, caller, { params }) => {
      const delivery = await redeliver(runtime.store, caller.tenantId, params.id);
      await broker.broadcast(WEBHOOKS_WAKE_EVENT, {});
      return deliveryView(delivery);
    },
  }),
  defineRoute({
    operationId: 'replayWebhookEvents',
    method: 'POST',
    path: '/webhooks/subscriptions/{id}/replay',
    tag: 'Webhooks',
    summary: 'Send again every event of a time range the subscription wants',
    description: 'Events keep their message ids, so consumers that already processed one can drop it.',
    scope: 'write',
    params: idParams,
    body: z.strictObject({ since: z.iso.datetime().describe('From (inclusive).'), until: z.iso.datetime().optional().describe('To (exclusive); default now.') }),
    status: 202,
    response: z.strictObject({ queued: z.number().int().describe('Deliveries queued.') }),
    handler: async ({ runtime, broker }, caller, { params, body }) => {
      const since = new Date(body.since);
      const until = body.until ? new Date(body.until) : new Date();
      if (until <= since) throw validationError([{ in: 'body', field: 'until', message: 'must be after since' }]);
      const queued = await replay(runtime.store, await findSubscription(runtime.store, caller.tenantId, params.id), since, until);
      await broker.broadcast(WEBHOOKS_WAKE_EVENT, {});
      return { queued };
    },
  }),
];
