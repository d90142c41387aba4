import { z } from 'zod';
import { slugSchema } from '../config/config-primitives.schema';
import { EVENT_TYPES, isKnownEventPattern } from './event-catalog';
import { isWebhookSecret } from './webhook-signature';

export const eventPatternSchema = z
  .string()
  .refine(isKnownEventPattern, `must be an event type (${EVENT_TYPES.join(', ')}) or a wildcard such as record.* or *`);

export const subscriptionFilterSchema = z
  .strictObject({
    entityType: z.string().min(1).optional().describe('Only events about records of this canonical entity type (e.g. `person`).'),
    flow: z.string().min(1).optional().describe('Only events of this flow.'),
  })
  .describe('Narrows the subscribed event types; every given field must match.');

export const webhookUrlSchema = z
  .string()
  .max(2048)
  .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'must be an http or https URL')
  .describe('Where deliveries are POSTed. Private and loopback addresses are refused unless the tenant allows them.');

/** What a subscription is, the same whether written in a config file, given to the API or to the CLI. */
export const subscriptionFields = {
  name: slugSchema.describe('Name of the subscription, unique in its tenant.'),
  url: webhookUrlSchema,
  events: z.array(eventPatternSchema).min(1).describe('Event types to send, wildcards allowed (`record.*`, `*`).'),
  filter: subscriptionFilterSchema.optional(),
  description: z.string().max(500).optional(),
  enabled: z.boolean().default(true),
  maxConcurrency: z.number().int().min(1).max(1000).optional().describe('Deliveries in flight at once per node; default `hub.webhooks.maxConcurrency`.'),
};

/**
 * A change to a subscription, through the API or the CLI: any of its fields but the name. `enabled`
 * has no create-time default here, so a change that does not name it leaves it as it is.
 */
export const subscriptionChangeSchema = z.strictObject(subscriptionFields).omit({ name: true }).extend({ enabled: z.boolean() }).partial();

const secretSchema = z.string().refine(isWebhookSecret, 'must be a Standard Webhooks secret: whsec_ followed by 24–64 bytes in base64');

/** A subscription in an integration file; its secret comes from the environment (`${NAME}`) and is never stored. */
export const webhookConfigSchema = z
  .strictObject({
    ...subscriptionFields,
    secret: secretSchema.describe('Signing secret (`whsec_…`); put it in an environment variable. `ihub webhooks secret` makes one.'),
    previousSecret: secretSchema.optional().describe('The secret before a rotation: it also signs, so consumers can switch at their pace. Remove it when they have.'),
  })
  .describe('A webhook subscription: events of this tenant POSTed, signed, to a URL.');

export type WebhookConfig = z.output<typeof webhookConfigSchema>;
