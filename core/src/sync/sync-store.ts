import { EntityManager, In, ObjectLiteral, EntityTarget } from 'typeorm';
import { CanonicalRecord, ExternalMapping, OutboxEvent, SyncFailure, SyncState } from '../store/entities';

/** Rows per statement: well under SQLite's and MySQL's placeholder limits for our widest table. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Multi-row upsert (`INSERT … ON CONFLICT/ON DUPLICATE KEY UPDATE`), one statement per chunk:
 * the sync hot path never writes one statement per record.
 */
async function upsert<T extends ObjectLiteral>(em: EntityManager, target: EntityTarget<T>, rows: Partial<T>[], update: string[], conflict: string[]): Promise<void> {
  for (const part of chunks(rows)) {
    await em.createQueryBuilder().insert().into(target).values(part as never).orUpdate(update, conflict).updateEntity(false).execute();
  }
}

/** Batched reads and writes of the sync engine, on whatever EntityManager (transaction) it is given. */
export const syncStore = {
  async mappingsByExternalId(em: EntityManager, integrationId: string, entity: string, externalIds: string[]): Promise<Map<string, ExternalMapping>> {
    const out = new Map<string, ExternalMapping>();
    for (const part of chunks(externalIds)) {
      const rows = await em.getRepository(ExternalMapping).findBy({ integrationId, externalEntity: entity, externalId: In(part) });
      for (const row of rows) out.set(row.externalId, row);
    }
    return out;
  },

  async mappingsByInternalId(em: EntityManager, integrationId: string, entity: string, internalIds: string[]): Promise<Map<string, ExternalMapping>> {
    const out = new Map<string, ExternalMapping>();
    for (const part of chunks(internalIds)) {
      const rows = await em.getRepository(ExternalMapping).findBy({ integrationId, externalEntity: entity, internalEntityId: In(part) });
      for (const row of rows) out.set(row.internalEntityId, row);
    }
    return out;
  },

  async recordVersions(em: EntityManager, ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const part of chunks(ids)) {
      const rows = await em.getRepository(CanonicalRecord).find({ select: { id: true, version: true }, where: { id: In(part) } });
      for (const row of rows) out.set(row.id, row.version);
    }
    return out;
  },

  async records(em: EntityManager, ids: string[]): Promise<CanonicalRecord[]> {
    const out: CanonicalRecord[] = [];
    for (const part of chunks(ids)) out.push(...(await em.getRepository(CanonicalRecord).findBy({ id: In(part) })));
    return out;
  },

  async upsertRecords(em: EntityManager, rows: Partial<CanonicalRecord>[]): Promise<void> {
    await upsert(em, CanonicalRecord, rows, ['data', 'hash', 'version', 'deleted_at', 'updated_at'], ['id']);
  },

  async upsertMappingsByExternalId(em: EntityManager, rows: Partial<ExternalMapping>[]): Promise<void> {
    await upsert(em, ExternalMapping, rows, ['internal_entity_id', 'internal_entity_type', 'external_system_data', 'hash', 'snapshot', 'last_synced'], ['integration_id', 'external_entity', 'external_system_id']);
  },

  async upsertMappingsByInternalId(em: EntityManager, rows: Partial<ExternalMapping>[]): Promise<void> {
    await upsert(em, ExternalMapping, rows, ['external_system_id', 'internal_entity_type', 'external_system_data', 'hash', 'last_synced'], ['integration_id', 'external_entity', 'internal_entity_id']);
  },

  async deleteMappings(em: EntityManager, ids: string[]): Promise<void> {
    for (const part of chunks(ids)) await em.getRepository(ExternalMapping).delete({ id: In(part) });
  },

  /** Marks mappings as seen by a snapshot pass, so the pass's end can tell which records vanished. */
  async markSeen(em: EntityManager, integrationId: string, entity: string, externalIds: string[], snapshot: string): Promise<void> {
    for (const part of chunks(externalIds)) {
      await em.getRepository(ExternalMapping).update({ integrationId, externalEntity: entity, externalId: In(part) }, { snapshot });
    }
  },

  async insertEvents(em: EntityManager, rows: OutboxEvent[]): Promise<void> {
    for (const part of chunks(rows)) await em.createQueryBuilder().insert().into(OutboxEvent).values(part as never).updateEntity(false).execute();
  },

  async recordFailures(em: EntityManager, rows: Partial<SyncFailure>[]): Promise<void> {
    await upsert(em, SyncFailure, rows, ['code', 'message', 'attempts', 'last_run_id', 'last_failed_at'], ['flow_id', 'integration_id', 'stage', 'item_key']);
  },

  async clearFailures(em: EntityManager, flowId: string, integrationId: string, stage: string, itemKeys: string[]): Promise<void> {
    for (const part of chunks(itemKeys)) await em.getRepository(SyncFailure).delete({ flowId, integrationId, stage: stage as SyncFailure['stage'], itemKey: In(part) });
  },

  async saveCursor(em: EntityManager, stateId: string, cursor: string | null, runId: string): Promise<void> {
    await em.getRepository(SyncState).update({ id: stateId }, { cursor, lastRunId: runId, updatedAt: new Date() });
  },
};
