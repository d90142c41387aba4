import { DataSource, EntityManager, Not, IsNull } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { redactSecrets } from '@ihub/plugin-kit';
import { connectionConfigOf, type LoadedConfig, type LoadedFlow } from '../config';
import type { ConnectorRegistry } from '../registry/connector-registry';
import { Flow, Integration, Tenant, WebhookSubscription } from '../store/entities';
import type { FlowDefinition } from '../sync/flow-definition';

export interface ApplyCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface ApplySummary {
  tenants: ApplyCounts;
  integrations: ApplyCounts;
  flows: ApplyCounts;
  webhooks: ApplyCounts;
}

const counts = (): ApplyCounts => ({ created: 0, updated: 0, unchanged: 0, removed: 0 });

/** The part of a flow's config the engine runs; where it was declared is kept apart. */
export function flowDefinitionOf(flow: LoadedFlow): FlowDefinition {
  const { tenant: _tenant, file: _file, line: _line, enabled: _enabled, ...definition } = flow;
  return definition as FlowDefinition;
}

/**
 * Brings the store in line with the config files: creates and updates tenants, integrations and
 * flows, and removes integrations and flows that came from config files but are no longer
 * declared. Rows created over the API (no `source`) are left alone. Running it twice changes
 * nothing the second time. Secrets never reach the store: connection configs are saved redacted.
 */
export async function applyConfig(store: DataSource, config: LoadedConfig, registry: ConnectorRegistry): Promise<ApplySummary> {
  const summary: ApplySummary = { tenants: counts(), integrations: counts(), flows: counts(), webhooks: counts() };
  await store.transaction(async (tx) => {
    const tenantIds = await applyTenants(tx, config, summary.tenants);
    const now = new Date();

    const keptIntegrations = new Set<string>();
    for (const item of config.integrations) {
      const tenantId = tenantIds.get(item.tenant)!;
      const secrets = registry.get(item.connector)?.secrets ?? [];
      const fields = {
        connector: item.connector,
        description: item.description ?? null,
        endpointUrl: item.endpoint ?? null,
        configuration: redactSecrets(connectionConfigOf(item), secrets),
        source: `${item.file}:${item.line}`,
      };
      const id = await upsertByName(tx, Integration, tenantId, item.name, fields, now, summary.integrations, { status: 'active' });
      keptIntegrations.add(id);
    }
    summary.integrations.removed = await removeUndeclared(tx, Integration, keptIntegrations);

    const keptFlows = new Set<string>();
    for (const item of config.flows) {
      const tenantId = tenantIds.get(item.tenant)!;
      const definition = flowDefinitionOf(item);
      const fields = {
        entityType: item.entity,
        definition: definition as unknown as Record<string, unknown>,
        direction: item.direction,
        schedule: item.schedule ?? null,
        status: (item.enabled ? 'active' : 'paused') as Flow['status'],
        source: `${item.file}:${item.line}`,
      };
      keptFlows.add(await upsertByName(tx, Flow, tenantId, item.name, fields, now, summary.flows, { lastTickAt: null }));
    }
    summary.flows.removed = await removeUndeclared(tx, Flow, keptFlows);

    const keptWebhooks = new Set<string>();
    for (const item of config.webhooks) {
      const tenantId = tenantIds.get(item.tenant)!;
      // The secret stays in the environment; `enabled` is the initial state only, so that a
      // subscription the hub disabled (410 Gone) is not switched back on by the next start.
      const fields: Partial<WebhookSubscription> = {
        url: item.url,
        description: item.description ?? null,
        eventTypes: item.events,
        filter: item.filter ?? null,
        maxConcurrency: item.maxConcurrency ?? config.hub.webhooks.maxConcurrency,
        source: `${item.file}:${item.line}`,
        ...(item.enabled ? {} : { enabled: false }),
      };
      const onCreate: Partial<WebhookSubscription> = { enabled: item.enabled, disabledReason: null, secret: null, previousSecret: null, previousSecretExpiresAt: null, failingSince: null };
      keptWebhooks.add(await upsertByName(tx, WebhookSubscription, tenantId, item.name, fields, now, summary.webhooks, onCreate));
    }
    summary.webhooks.removed = await removeUndeclared(tx, WebhookSubscription, keptWebhooks);
  });
  return summary;
}

async function applyTenants(tx: EntityManager, config: LoadedConfig, c: ApplyCounts): Promise<Map<string, string>> {
  const repo = tx.getRepository(Tenant);
  const ids = new Map<string, string>();
  const now = new Date();
  for (const t of config.tenants) {
    const existing = await repo.findOneBy({ code: t.code });
    if (!existing) {
      const id = randomUUID();
      await repo.insert({ id, code: t.code, name: t.name, status: 'active', quotas: null, createdAt: now, updatedAt: now });
      ids.set(t.code, id);
      c.created += 1;
    } else {
      ids.set(t.code, existing.id);
      if (existing.name !== t.name) {
        await repo.update({ id: existing.id }, { name: t.name, updatedAt: now });
        c.updated += 1;
      } else c.unchanged += 1;
    }
  }
  return ids;
}

type Named = Integration | Flow | WebhookSubscription;

async function upsertByName<T extends Named>(
  tx: EntityManager,
  entity: new () => T,
  tenantId: string,
  name: string,
  fields: Partial<T>,
  now: Date,
  c: ApplyCounts,
  onCreate: Partial<T>,
): Promise<string> {
  const repo = tx.getRepository<Named>(entity);
  const existing = await repo.findOneBy({ tenantId, name });
  if (!existing) {
    const id = randomUUID();
    await repo.insert({ id, tenantId, name, ...onCreate, ...fields, createdAt: now, updatedAt: now } as never);
    c.created += 1;
    return id;
  }
  const changed = Object.entries(fields).some(([k, v]) => JSON.stringify((existing as unknown as Record<string, unknown>)[k]) !== JSON.stringify(v));
  if (changed) {
    await repo.update({ id: existing.id }, { ...fields, updatedAt: now } as never);
    c.updated += 1;
  } else c.unchanged += 1;
  return existing.id;
}

async function removeUndeclared(tx: EntityManager, entity: typeof Integration | typeof Flow | typeof WebhookSubscription, kept: Set<string>): Promise<number> {
  const repo = tx.getRepository<Named>(entity);
  const fromFiles = await repo.find({ select: { id: true }, where: { source: Not(IsNull()) } });
  const gone = fromFiles.filter((row) => !kept.has(row.id)).map((row) => row.id);
  for (const id of gone) await repo.delete({ id });
  return gone.length;
}
