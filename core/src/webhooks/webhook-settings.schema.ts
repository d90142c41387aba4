import { z } from 'zod';
import { durationSchema } from './durations';
import { isValidAllowEntry } from './private-address';

/** `hub.webhooks` in hub.yaml. */
export const webhookSettingsSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('Deliver webhooks from this node. Every node may; deliveries are claimed with leases.'),
    retrySchedule: z
      .array(durationSchema)
      .min(1)
      .max(20)
      .prefault(['0s', '5s', '5m', '30m', '2h', '5h', '10h', '10h'])
      .describe('Wait before each attempt (the first is normally `0s`: at once). n steps make n attempts; the default spans about 28 hours. Each step moves by up to ±10% (jitter).'),
    timeout: durationSchema.prefault('15s').describe('How long one attempt may take, answer included.'),
    disableAfter: durationSchema.prefault('5d').describe('A subscription whose deliveries have failed without a success for this long is disabled (and `webhook.disabled` is raised).'),
    maxConcurrency: z.number().int().min(1).max(1000).default(10).describe('Default for new subscriptions: deliveries to one subscription in flight at once on one node.'),
    lease: durationSchema.prefault('60s').describe('How long a node owns a delivery it claimed; one that dies mid-attempt loses it after this and another node sends it.'),
    pollInterval: durationSchema.prefault('200ms').describe('How often an idle node looks for new events and due deliveries.'),
  })
  .describe('Outgoing webhooks: retries, timeouts, and how nodes share the work.');

export type WebhookSettings = z.output<typeof webhookSettingsSchema>;

/** `webhooks` of a tenant in hub.yaml. */
export const tenantWebhookSchema = z
  .strictObject({
    allowPrivateTargets: z
      .array(z.string().refine(isValidAllowEntry, 'must be an IP address or a CIDR range, e.g. 127.0.0.1 or 10.0.0.0/8'))
      .default([])
      .describe('Loopback, private or link-local addresses (or ranges) webhooks of this tenant may be sent to. Refused by default.'),
  })
  .describe("The tenant's webhook policy.");

export type TenantWebhookConfig = z.output<typeof tenantWebhookSchema>;
