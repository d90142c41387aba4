import { EntityManager, In } from 'typeorm';
import { CanonicalRecord, ExternalMapping, OutboxEvent, SyncFailure, SyncState } from '../store/entities';
import { BULK_CHUNK, bulkInsert } from '../store/bulk-write';

function chunks<T>(items: T[], size = BULK_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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
    await bulkInsert(em, CanonicalRecord, rows, { conflict: ['id'], update: ['data', 'hash', 'version', 'deleted_at', 'updated_at'] });
  },

  async upsertMappingsByExternalId(em: EntityManager, rows: Partial<ExternalMapping>[]): Promise<void> {
    await bulkInsert(em, ExternalMapping, rows, { conflict: ['integration_id', 'external_entity', 'external_system_id'], update: ['internal_entity_id', 'internal_entity_type', 'external_system_data', 'hash', 'read_hash', 'snapshot', 'last_synced'] });
  },

  async upsertMappingsByInternalId(em: EntityManager, rows: Partial<ExternalMapping>[]): Promise<void> {
    await bulkInsert(em, ExternalMapping, rows, { conflict: ['integration_id', 'external_entity', 'internal_entity_id'], update: ['external_system_id', 'internal_entity_type', 'external_system_data', 'hash', 'read_hash', 'last_synced'] });
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
    await bulkInsert(em, OutboxEvent, rows);
  },

  async recordFailures(em: EntityManager, rows: Partial<SyncFailure>[]): Promise<void> {
    await bulkInsert(em, SyncFailure, rows, { conflict: ['flow_id', 'integration_id', 'stage', 'item_key'], update: ['code', 'message', 'attempts', 'last_run_id', 'last_failed_at'] });
  },

  async clearFailures(em: EntityManager, flowId: string, integrationId: string, stage: string, itemKeys: string[]): Promise<void> {
    for (const part of chunks(itemKeys)) await em.getRepository(SyncFailure).delete({ flowId, integrationId, stage: stage as SyncFailure['stage'], itemKey: In(part) });
  },

  async saveCursor(em: EntityManager, stateId: string, cursor: string | null, runId: string): Promise<void> {
    await em.getRepository(SyncState).update({ id: stateId }, { cursor, lastRunId: runId, updatedAt: new Date() });
  },
};
