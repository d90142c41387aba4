import { Command } from 'commander';
import { z } from 'zod';
import { HubError } from '@ihub/plugin-kit';
import { appendAudit } from '../../audit';
import type { HubRuntime } from '../../runtime/hub-runtime';
import { WebhookDelivery, WebhookSubscription, type SubscriptionFilter } from '../../store/entities';
import { durationSchema } from '../../webhooks/durations';
import { EVENT_CATALOG, EVENT_TYPES } from '../../webhooks/event-catalog';
import { subscriptionChangeSchema, subscriptionFields } from '../../webhooks/subscription.schema';
import { createSubscription, deleteSubscription, findSubscription, rotateSecret, sendTestEvent, updateSubscription, type SubscriptionDeps } from '../../webhooks/subscription-admin';
import { redeliver, replay } from '../../webhooks/delivery-admin';
import { generateWebhookSecret } from '../../webhooks/webhook-signature';
import { action, cliActor, GlobalOptions, withRuntime } from '../cli-context';
import { table, when } from '../format';

/** The option each input field comes from, so a problem names what the operator typed. */
const OPTION_OF: Record<string, string> = {
  name: '--name', url: '--url', events: '--events', 'filter.entityType': '--entity', 'filter.flow': '--flow', description: '--description', enabled: '--enable/--disable',
  maxConcurrency: '--max-concurrency', overlap: '--overlap', since: '--since', until: '--until', status: '--status', limit: '--limit',
};

interface InputProblem {
  field: string;
  option: string | undefined;
  message: string;
}

/** `IHUB_VALIDATION`, each problem led by the option it is about; `data.details` as the API's, plus the option. */
function invalid(problems: InputProblem[]): HubError {
  const message = problems.map((p) => (p.option ? `${p.option}: ${p.message}` : p.message)).join('; ');
  return new HubError('IHUB_VALIDATION', message, { fault: 'user', data: { details: problems.map((p) => ({ in: 'option', ...p })) } });
}

/** Checks CLI input with the schema the API uses, so both accept and refuse the same things. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(result.error.issues.map((issue) => {
    const field = issue.path.join('.');
    const known = Object.keys(OPTION_OF).find((f) => field === f || field.startsWith(`${f}.`));
    return { field, option: known && OPTION_OF[known], message: issue.message };
  }));
}

/** `--events record.*,sync.failed` → the list; absent stays absent. */
const list = (value: string | undefined) => (value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter(Boolean));
const count = (value: string | undefined) => (value === undefined ? undefined : Number(value));

const createSchema = z.strictObject(subscriptionFields);
const updateSchema = subscriptionChangeSchema.refine((b) => Object.keys(b).length > 0, 'give at least one of --url, --events, --entity, --flow, --clear-filter, --description, --enable, --disable, --max-concurrency');
// Bounds of the API's `overlapSeconds`.
const rotateSchema = z.strictObject({ overlap: durationSchema.pipe(z.number().max(7 * 86_400_000, 'must be at most 7d')) });
const replaySchema = z.strictObject({ since: z.iso.datetime(), until: z.iso.datetime().optional() });
const deliveriesSchema = z.strictObject({ status: z.enum(['pending', 'succeeded', 'failed']).optional(), limit: z.number().int().min(1).max(1000) });

interface TenantOption {
  tenant: string;
}

interface FieldOptions {
  url?: string;
  events?: string;
  entity?: string;
  flow?: string;
  description?: string;
  maxConcurrency?: string;
}

const adminDeps = (runtime: HubRuntime): SubscriptionDeps => ({ store: runtime.store, box: runtime.secretBox(), defaultConcurrency: runtime.config.hub.webhooks.maxConcurrency });
// Nodes poll the store (`hub.webhooks.pollInterval`): what the CLI queues is picked up without telling them.
const PICKUP = 'running nodes send it at their next poll';

/** The same audit row the API writes for the same operation (named by its operationId). */
async function audit(runtime: HubRuntime, tenantId: string, operation: string, target: string, details?: Record<string, unknown>): Promise<void> {
  await appendAudit(runtime.store, { tenantId, actor: cliActor(), action: operation, target, outcome: 'success', details: { via: 'cli', ...details } });
}

function subscriptionRows(rows: WebhookSubscription[]): string {
  const filter = (f: SubscriptionFilter | null) => [f?.entityType && `entity=${f.entityType}`, f?.flow && `flow=${f.flow}`].filter(Boolean).join(' ');
  return table(
    ['id', 'name', 'url', 'events', 'filter', 'enabled', 'concurrency', 'failing since', 'declared in'],
    rows.map((s) => [s.id, s.name, s.url, s.eventTypes.join(','), filter(s.filter), s.enabled ? 'yes' : `no${s.disabledReason ? ` (${s.disabledReason})` : ''}`, s.maxConcurrency, when(s.failingSince), s.source ?? '']),
  );
}

function printSecret(subscription: WebhookSubscription, secret: string, note: string): void {
  // The id and secret alone on stdout (`key=value`, one a line) for scripts; guidance on stderr.
  process.stdout.write(`id=${subscription.id}\nsecret=${secret}\n`);
  process.stderr.write(`subscription '${subscription.name}' (${subscription.url}): ${note}. The secret is shown once: store it now.\n`);
}

/**
 * `ihub webhooks …`: the webhook subscriptions and deliveries of a tenant, through the same
 * functions as the REST API, so both behave alike (and both are audited).
 */
export function webhooksCommand(program: Command): void {
  const webhooks = program.command('webhooks').description('manage outgoing webhook subscriptions and their deliveries');
  const run = <T>(fn: (runtime: HubRuntime) => Promise<T>) => withRuntime(program.opts() as GlobalOptions, fn);

  webhooks
    .command('events')
    .description('list the event types a subscription can ask for')
    .action(action(async () => {
      process.stdout.write(`${table(['type', 'description'], EVENT_TYPES.map((t) => [t, EVENT_CATALOG[t].description]))}\n`);
    }));

  webhooks
    .command('secret')
    .description('print a new signing secret (whsec_…) for a subscription declared in a config file')
    .action(action(async () => {
      process.stdout.write(`${generateWebhookSecret()}\n`);
    }));

  webhooks
    .command('list')
    .description("list a tenant's subscriptions (never their secrets)")
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (opts: TenantOption) => {
      await run(async (runtime) => {
        const rows = await runtime.store.getRepository(WebhookSubscription).find({ where: { tenantId: runtime.tenantId(opts.tenant) }, order: { createdAt: 'ASC' } });
        process.stdout.write(`${subscriptionRows(rows)}\n`);
      });
    }));

  webhooks
    .command('create')
    .description('subscribe a URL to events; prints the id and the signing secret once')
    .option('--name <name>', 'name of the subscription, unique in its tenant')
    .option('--url <url>', 'where deliveries are POSTed')
    .option('--events <list>', 'comma-separated event types or wildcards, e.g. record.*,sync.failed')
    .option('--entity <type>', 'only events about records of this canonical entity type')
    .option('--flow <name>', 'only events of this flow')
    .option('--description <text>', 'what the subscription is for')
    .option('--disabled', 'create it switched off (it gets nothing until enabled; `replay` fills the gap)')
    .option('--max-concurrency <n>', 'deliveries in flight at once per node (default hub.webhooks.maxConcurrency)')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (opts: FieldOptions & TenantOption & { name?: string; disabled?: boolean }) => {
      const filter = opts.entity !== undefined || opts.flow !== undefined ? { entityType: opts.entity, flow: opts.flow } : undefined;
      const input = parse(createSchema, {
        name: opts.name, url: opts.url, events: list(opts.events), filter, description: opts.description, enabled: !opts.disabled, maxConcurrency: count(opts.maxConcurrency),
      });
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        const { subscription, secret } = await createSubscription(adminDeps(runtime), tenantId, input);
        await audit(runtime, tenantId, 'createWebhookSubscription', `webhook-subscription:${subscription.id}`, { name: input.name, url: input.url, events: input.events });
        printSecret(subscription, secret, `created for ${input.events.join(', ')}${input.enabled ? '' : ', disabled'}`);
      });
    }));

  webhooks
    .command('update <id>')
    .description('change a subscription; --enable re-enables one the hub disabled')
    .option('--url <url>', 'where deliveries are POSTed')
    .option('--events <list>', 'comma-separated event types or wildcards')
    .option('--entity <type>', 'only events about records of this entity type (keeps --flow)')
    .option('--flow <name>', 'only events of this flow (keeps --entity)')
    .option('--clear-filter', 'drop the entity and flow filter (before applying --entity/--flow)')
    .option('--description <text>', 'what the subscription is for')
    .option('--enable', 'switch it on (and forget its failures)')
    .option('--disable', 'switch it off: no deliveries are made for events until it is enabled again')
    .option('--max-concurrency <n>', 'deliveries in flight at once per node')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (id: string, opts: FieldOptions & TenantOption & { clearFilter?: boolean; enable?: boolean; disable?: boolean }) => {
      if (opts.enable && opts.disable) throw invalid([{ field: 'enabled', option: '--enable/--disable', message: 'give one of them, not both' }]);
      const filterGiven = opts.clearFilter || opts.entity !== undefined || opts.flow !== undefined;
      const raw = {
        url: opts.url, events: list(opts.events), filter: filterGiven ? { entityType: opts.entity, flow: opts.flow } : undefined, description: opts.description,
        enabled: opts.enable ? true : opts.disable ? false : undefined, maxConcurrency: count(opts.maxConcurrency),
      };
      const change = parse(updateSchema, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        // --entity alone keeps the flow filter, and the other way round (the API's PATCH replaces the whole filter).
        if (change.filter && !opts.clearFilter) {
          const { filter } = await findSubscription(runtime.store, tenantId, id);
          change.filter = { ...filter, ...Object.fromEntries(Object.entries(change.filter).filter(([, v]) => v !== undefined)) };
        }
        const updated = await updateSubscription(runtime.store, tenantId, id, change);
        await audit(runtime, tenantId, 'updateWebhookSubscription', `webhook-subscription:${id}`, { fields: Object.keys(change) });
        process.stdout.write(`${subscriptionRows([updated])}\n`);
      });
    }));

  webhooks
    .command('delete <id>')
    .description('delete a subscription; nothing more is sent to it')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (id: string, opts: TenantOption) => {
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        await deleteSubscription(runtime.store, tenantId, id);
        await audit(runtime, tenantId, 'deleteWebhookSubscription', `webhook-subscription:${id}`);
        process.stdout.write(`deleted ${id}\n`);
      });
    }));

  webhooks
    .command('rotate-secret <id>')
    .description('replace the signing secret; the old one keeps signing during the overlap. Prints the new secret once')
    .option('--overlap <duration>', 'how long the previous secret also signs, up to 7d (0 ends it at once)', '24h')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (id: string, opts: TenantOption & { overlap: string }) => {
      const { overlap } = parse(rotateSchema, { overlap: opts.overlap });
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        const { subscription, secret } = await rotateSecret(adminDeps(runtime), tenantId, id, Math.floor(overlap / 1000));
        await audit(runtime, tenantId, 'rotateWebhookSecret', `webhook-subscription:${id}`, { overlapSeconds: Math.floor(overlap / 1000) });
        const until = subscription.previousSecretExpiresAt;
        printSecret(subscription, secret, until ? `new secret; the previous one also signs until ${until.toISOString()}` : 'new secret; the previous one no longer signs');
      });
    }));

  webhooks
    .command('test <id>')
    .description('send a webhook.test event to this subscription only')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (id: string, opts: TenantOption) => {
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        const eventId = await sendTestEvent(runtime.store, await findSubscription(runtime.store, tenantId, id));
        await audit(runtime, tenantId, 'sendWebhookTestEvent', `webhook-subscription:${id}`);
        process.stdout.write(`queued test event ${eventId} as message msg_${eventId}; ${PICKUP}\n`);
      });
    }));

  webhooks
    .command('deliveries <subscriptionId>')
    .description("a subscription's deliveries, newest first")
    .option('--status <status>', 'only pending, succeeded or failed deliveries')
    .option('-n, --limit <n>', 'deliveries to show', '20')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (subscriptionId: string, opts: TenantOption & { status?: string; limit: string }) => {
      const { status, limit } = parse(deliveriesSchema, { status: opts.status, limit: Number(opts.limit) });
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        await findSubscription(runtime.store, tenantId, subscriptionId);
        const rows = await runtime.store.getRepository(WebhookDelivery).find({ where: { tenantId, subscriptionId, ...(status ? { status } : {}) }, order: { id: 'DESC' }, take: limit });
        process.stdout.write(`${table(
          ['id', 'message id', 'event', 'status', 'attempts', 'last answer', 'last error', 'next attempt', 'delivered'],
          rows.map((d) => [d.id, `msg_${d.eventId}`, d.eventType, d.status, d.attempts, d.lastStatusCode, d.lastError?.slice(0, 60), d.status === 'pending' ? when(d.nextAttemptAt) : '', when(d.deliveredAt)]),
        )}\n`);
      });
    }));

  webhooks
    .command('redeliver <deliveryId>')
    .description('send a delivery again now, with the same message id')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (deliveryId: string, opts: TenantOption) => {
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        const delivery = await redeliver(runtime.store, tenantId, deliveryId);
        await audit(runtime, tenantId, 'redeliverWebhook', `webhook-delivery:${deliveryId}`);
        process.stdout.write(`queued delivery ${delivery.id} (message msg_${delivery.eventId}) again; ${PICKUP}\n`);
      });
    }));

  webhooks
    .command('replay <subscriptionId>')
    .description('send again every event of a time range the subscription wants, with their original message ids')
    .option('--since <iso>', 'from (inclusive), e.g. 2026-01-31T00:00:00Z')
    .option('--until <iso>', 'to (exclusive); default now')
    .option('--tenant <code>', 'tenant', 'default')
    .action(action(async (subscriptionId: string, opts: TenantOption & { since?: string; until?: string }) => {
      const range = parse(replaySchema, { since: opts.since, until: opts.until });
      const since = new Date(range.since);
      const until = range.until ? new Date(range.until) : new Date();
      if (until <= since) throw invalid([{ field: 'until', option: '--until', message: 'must be after --since' }]);
      await run(async (runtime) => {
        const tenantId = runtime.tenantId(opts.tenant);
        const queued = await replay(runtime.store, await findSubscription(runtime.store, tenantId, subscriptionId), since, until);
        await audit(runtime, tenantId, 'replayWebhookEvents', `webhook-subscription:${subscriptionId}`, { since: since.toISOString(), until: until.toISOString(), queued });
        process.stdout.write(`queued ${queued} deliveries of events from ${since.toISOString()} to ${until.toISOString()}; ${PICKUP}\n`);
      });
    }));
}
