import { z } from 'zod';

const counts = z.strictObject({ processed: z.number().int(), created: z.number().int(), updated: z.number().int(), deleted: z.number().int(), unchanged: z.number().int(), failed: z.number().int() });

const recordPayload = z.object({
  subject: z.string().describe('The hub id of the record.'),
  recordId: z.string(),
  entityType: z.string().describe('Canonical entity type, e.g. `person`.'),
  flow: z.string(),
  integration: z.string().describe('Source integration the change came from.'),
  runId: z.string(),
  externalId: z.string().optional(),
}).loose();

const runPayload = z.object({
  subject: z.string().describe('The run id.'),
  runId: z.string(),
  flow: z.string(),
  integration: z.string(),
  entity: z.string(),
  status: z.enum(['running', 'completed', 'partial', 'failed']),
  syncType: z.enum(['full', 'incremental', 'webhook', 'retry']),
  counts,
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
}).loose();

const disabledPayload = z.object({
  subject: z.string().describe('The subscription id.'),
  subscriptionId: z.string(),
  name: z.string(),
  url: z.string(),
  reason: z.string(),
}).loose();

const testPayload = z.object({ subject: z.string().describe('The subscription id.'), message: z.string() }).loose();

/**
 * Every event type a subscription can ask for, with the schema of its `data`. The API serves it
 * (`GET /webhooks/event-types`) and subscriptions are checked against it.
 */
export const EVENT_CATALOG = {
  'record.created': { description: 'A record appeared in the hub (first seen at a source).', data: recordPayload },
  'record.updated': { description: 'A record changed at its source.', data: recordPayload },
  'record.deleted': { description: 'A record was deleted at its source.', data: recordPayload },
  'sync.started': { description: 'A run of a flow stream started.', data: runPayload },
  'sync.completed': { description: 'A run finished; `status` is `completed` or `partial` (some records failed).', data: runPayload },
  'sync.failed': { description: 'A run failed as a whole.', data: runPayload },
  'webhook.disabled': { description: 'A subscription was disabled by the hub (410 Gone, or failing for too long).', data: disabledPayload },
  'webhook.test': { description: 'Sent by "send test event"; only to the subscription it was asked for.', data: testPayload },
} as const;

export type EventType = keyof typeof EVENT_CATALOG;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

/** The JSON body of a delivery (Standard Webhooks' recommended envelope). */
export function envelopeSchema(type: EventType): z.ZodType {
  return z.strictObject({ type: z.literal(type), timestamp: z.iso.datetime(), data: EVENT_CATALOG[type].data });
}

/** `record.*` matches `record.created`; `*` matches everything; anything else matches itself. */
export function matchesEventType(patterns: string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

/** A pattern that can match at least one known event type, so typos are refused up front. */
export function isKnownEventPattern(pattern: string): boolean {
  return matchesEventType([pattern], pattern) && EVENT_TYPES.some((t) => matchesEventType([pattern], t));
}
