import type { DataSource } from 'typeorm';
import type { ListPage } from '@ihub/plugin-kit';
import { ConnectorInstance } from '../../src/registry/connector-instance';
import { ConnectorRegistry } from '../../src/registry/connector-registry';
import { consoleLogger } from '../../src/runtime/console-logger';
import { OutboxEvent } from '../../src/store/entities';

export const TENANT = '00000000-0000-4000-8000-00000000000a';
export const OTHER_TENANT = '00000000-0000-4000-8000-00000000000b';

/** The `ihub` connector of an integration of `tenantId`, handed `store` as the runtime does. */
export function hubSource(store: DataSource | undefined, config: Record<string, unknown> = {}, tenantId = TENANT): ConnectorInstance {
  const loaded = ConnectorRegistry.discover({}).get('ihub')!;
  return new ConnectorInstance(loaded, { id: 'hub-events-1', name: 'hub', tenantId }, config, consoleLogger('error'), store);
}

/** A UUIDv7 created at `ms` (the n-th of that millisecond), so tests can place events in time. */
export function idAt(ms: number, n = 0): string {
  const time = ms.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${n.toString(16).padStart(3, '0')}-8000-000000000000`;
}

/** Appends an event to the outbox as the engine does. */
export async function addEvent(store: DataSource, at: number, type: string, tenantId = TENANT, n = 0): Promise<string> {
  const id = idAt(at, n);
  await store.getRepository(OutboxEvent).insert({ id, tenantId, type, subject: `subject-${id}`, payload: { status: type === 'sync.failed' ? 'failed' : 'completed' }, createdAt: new Date(at) });
  return id;
}

/** Every page of one read, from `cursor` until a page says there is no more. */
export async function readAll(source: ConnectorInstance, entity: 'event' | 'audit', cursor: string | null, pageSize = 100, filter?: string): Promise<{ pages: ListPage[]; ids: string[]; cursor: string | null }> {
  const pages: ListPage[] = [];
  for (;;) {
    const page = await source.list(entity, { cursor, pageSize, filter });
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return { pages, ids: pages.flatMap((p) => p.records.map((r) => r.id)), cursor };
  }
}
