import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { HubError, Logger, SourceRecord, WriteOperation } from '@ihub/plugin-kit';
import { ConnectorInstance } from '../registry/connector-instance';
import { CanonicalRecord, ExternalMapping, Flow, OutboxEvent, SyncFailure } from '../store/entities';
import { uuidv7 } from '../store/uuid-v7';
import { FieldMapper } from './field-mapper';
import { mergeOwned, ownedSlice } from './field-ownership';
import { recordHash } from './record-hash';
import { RunStats } from './run-stats';
import { syncStore } from './sync-store';

/** One way records travel in a flow: read from `source`, written to every target. */
export interface StreamPlan {
  flow: Flow;
  deletes: 'propagate' | 'ignore';
  pageSize: number;
  deleteThreshold: number;
  /**
   * `ownedFields`: the canonical fields this stream's mapping writes (two-way flows, see
   * field-ownership.ts); null when it writes the whole record.
   */
  source: { instance: ConnectorInstance; entity: string; filter?: string; toCanonical: FieldMapper; ownedFields: string[] | null };
  /**
   * `readFields`: the fields the mapping that reads the target back owns (the other stream of a
   * two-way flow), so a write can note what reading it back must give; null for one-way targets.
   */
  targets: Array<{ instance: ConnectorInstance; entity: string; fromCanonical: FieldMapper; readFields: string[] | null }>;
}

/** A page mapped to canonical records and hashed, not yet matched or stored. */
export interface PreparedPage {
  mapped: Array<{ source: SourceRecord; data: Record<string, unknown>; hash: string }>;
  tombstones: SourceRecord[];
  mapFailures: Array<{ id: string; error: HubError }>;
}

/** A canonical record after ingestion, ready to be written to the targets. */
export interface CanonicalChange {
  recordId: string;
  externalId?: string;
  data: Record<string, unknown>;
  hash: string;
  kind: 'created' | 'updated' | 'unchanged' | 'deleted';
}

export interface StreamSyncOptions {
  runId: string;
  dryRun: boolean;
  logger: Logger;
  stats: RunStats;
  /**
   * `integrationId|stage|itemKey` of the stream's open failures, loaded at the start of the run:
   * a success only costs a DELETE when it clears one of these.
   */
  openFailures: Set<string>;
}

/**
 * The hub-and-spoke step for one page of one stream (DESIGN "How a sync works", steps 3–5):
 * map, match through external mappings, upsert changed canonical records with their events, then
 * write to the targets and save their mappings. Records are committed before any target write,
 * so a crash between the two is repaired on the next run: the page is read again, its records
 * are unchanged, and targets without a mapping get a create marked `mayExist`.
 */
export class StreamSync {
  constructor(
    private readonly store: DataSource,
    private readonly plan: StreamPlan,
    private readonly options: StreamSyncOptions,
  ) {}

  private get tenantId(): string {
    return this.plan.flow.tenantId;
  }

  private get sourceId(): string {
    return this.plan.source.instance.integration.id;
  }

  /**
   * Step 3's pure part: maps and hashes a page, touching no shared state but the run's counters,
   * so the engine can prepare the next page while the current one is being stored.
   */
  async prepare(records: SourceRecord[]): Promise<PreparedPage> {
    const { stats } = this.options;
    const { toCanonical } = this.plan.source;
    const page: PreparedPage = { mapped: [], tombstones: [], mapFailures: [] };
    for (const record of records) {
      if (record.deleted) {
        page.tombstones.push(record);
        continue;
      }
      try {
        if (record.invalid) throw record.invalid;
        const data = await toCanonical.apply(record.data, { externalId: record.id });
        page.mapped.push({ source: record, data, hash: recordHash(data) });
      } catch (err) {
        page.mapFailures.push({ id: record.id, error: stats.fail({ stage: 'map', integration: this.plan.source.instance.integration.name, externalId: record.id }, err) });
      }
    }
    return page;
  }

  /** Steps 3–4 for source records: returns the changes to propagate and commits them (unless dry run). */
  async ingest(records: SourceRecord[], snapshot: string | undefined): Promise<CanonicalChange[]> {
    return this.commitPage(await this.prepare(records), snapshot);
  }

  /** Matches a prepared page through the external mappings and commits its changed records with their events. */
  async commitPage(prepared: PreparedPage, snapshot: string | undefined): Promise<CanonicalChange[]> {
    const { stats } = this.options;
    const { entity } = this.plan.source;
    const { mapped, tombstones, mapFailures } = prepared;
    const mappedOk = mapped.map((m) => m.source.id);
    const em = this.store.manager;
    const owned = this.plan.source.ownedFields;
    const existing = await syncStore.mappingsByExternalId(em, this.sourceId, entity, [...mapped.map((m) => m.source.id), ...tombstones.map((t) => t.id)]);
    const changes: CanonicalChange[] = [];
    const now = new Date();
    const recordRows: Partial<CanonicalRecord>[] = [];
    const mappingRows: Partial<ExternalMapping>[] = [];
    const events: OutboxEvent[] = [];
    // A record that failed to map still exists upstream: it counts as seen, or the end of the
    // snapshot pass would delete it from the targets.
    const seen: string[] = mapFailures.map((f) => f.id);
    // What this side last held: with owned fields, a hash of its slice, not of the whole record.
    const lastSeen = (mapping: ExternalMapping) => mapping.readHash ?? mapping.hash;
    const updatedIds = mapped.filter((m) => existing.has(m.source.id) && lastSeen(existing.get(m.source.id)!) !== m.hash).map((m) => existing.get(m.source.id)!.internalEntityId);
    const deletedIds = tombstones.filter((t) => existing.has(t.id)).map((t) => existing.get(t.id)!.internalEntityId);
    // Owned fields merge into the whole canonical record, which is also what unchanged records
    // carry to the targets; without ownership the mapped data is the whole record.
    const current = owned ? await this.currentRecords(mapped.flatMap((m) => (existing.has(m.source.id) ? [existing.get(m.source.id)!.internalEntityId] : []))) : new Map<string, CanonicalRecord>();
    const versions = owned ? new Map([...current.values()].map((r) => [r.id, r.version])) : await syncStore.recordVersions(em, updatedIds);
    const deletedRecords = new Map((await syncStore.records(em, deletedIds)).map((r) => [r.id, r]));

    for (const m of mapped) {
      const mapping = existing.get(m.source.id);
      const record = mapping && current.get(mapping.internalEntityId);
      if (mapping && lastSeen(mapping) === m.hash) {
        stats.counts.unchanged += 1;
        seen.push(m.source.id);
        changes.push({ recordId: mapping.internalEntityId, externalId: m.source.id, data: record?.data ?? m.data, hash: record?.hash ?? m.hash, kind: 'unchanged' });
        continue;
      }
      const data = owned && record ? mergeOwned(record.data, m.data, owned) : m.data;
      const hash = data === m.data ? m.hash : recordHash(data);
      const mappingRow = (recordId: string, id = uuidv7()): Partial<ExternalMapping> => ({
        id, tenantId: this.tenantId, integrationId: this.sourceId, externalEntity: entity, externalId: m.source.id, internalEntityType: this.plan.flow.entityType, internalEntityId: recordId,
        externalData: null, hash, readHash: owned ? m.hash : null, snapshot: snapshot ?? null, lastSynced: now, createdAt: now,
      });
      if (mapping && record && hash === record.hash) {
        // This side changed to what the canonical record already holds (the other side carried it):
        // nothing to store or write, but the next read of this side compares with its new slice.
        stats.counts.unchanged += 1;
        mappingRows.push(mappingRow(record.id, mapping.id));
        changes.push({ recordId: record.id, externalId: m.source.id, data, hash, kind: 'unchanged' });
        continue;
      }
      const kind = mapping ? 'updated' : 'created';
      const recordId = mapping?.internalEntityId ?? randomUUID();
      stats.counts[kind] += 1;
      recordRows.push({ id: recordId, tenantId: this.tenantId, entityType: this.plan.flow.entityType, data, hash, version: (versions.get(recordId) ?? 0) + 1, deletedAt: null, createdAt: now, updatedAt: now });
      mappingRows.push(mappingRow(recordId, mapping?.id));
      events.push(this.event(`record.${kind}`, recordId, { data, externalId: m.source.id }, now));
      changes.push({ recordId, externalId: m.source.id, data, hash, kind });
    }
    const deletedMappings: string[] = [];
    for (const t of tombstones) {
      const mapping = existing.get(t.id);
      const record = mapping && deletedRecords.get(mapping.internalEntityId);
      if (!mapping || !record) continue;
      stats.counts.deleted += 1;
      deletedMappings.push(mapping.id);
      // The canonical record stays, marked deleted with its last known data, for the API and audit.
      recordRows.push({ ...record, version: record.version + 1, deletedAt: now, updatedAt: now });
      events.push(this.event('record.deleted', record.id, { data: record.data, externalId: t.id }, now));
      changes.push({ recordId: record.id, externalId: t.id, data: record.data, hash: record.hash, kind: 'deleted' });
    }

    if (this.options.dryRun) return changes;
    await this.store.transaction(async (tx) => {
      await syncStore.upsertRecords(tx, recordRows);
      await syncStore.upsertMappingsByExternalId(tx, mappingRows);
      await syncStore.deleteMappings(tx, deletedMappings);
      if (snapshot) await syncStore.markSeen(tx, this.sourceId, entity, seen, snapshot);
      await syncStore.insertEvents(tx, events);
      await this.recordFailures(tx, this.sourceId, 'map', mapFailures);
      await this.clearFailures(tx, this.sourceId, 'map', mappedOk);
    });
    return changes;
  }

  /**
   * Step 4–5: writes changes to every target (update where mapped, create otherwise, delete when
   * the flow propagates deletes), then saves target mappings, failures and — in the same
   * transaction — `afterCommit`'s work (the page's cursor).
   */
  async propagate(changes: CanonicalChange[], afterCommit?: (tx: EntityManager) => Promise<void>, only?: Set<string>): Promise<void> {
    const { stats, dryRun } = this.options;
    const mappingRows: Partial<ExternalMapping>[] = [];
    const removedMappings: string[] = [];
    const failures: Array<{ integrationId: string; stage: 'write' | 'delete'; id: string; error: HubError }> = [];
    const cleared: Array<{ integrationId: string; stage: 'write' | 'delete'; ids: string[] }> = [];
    const now = new Date();
    const failedRecords = new Set<string>();

    for (const target of this.plan.targets) {
      const targetId = target.instance.integration.id;
      if (only && !only.has(targetId)) continue;
      const candidates = changes.filter((c) => c.kind !== 'deleted' || this.plan.deletes === 'propagate');
      const lookup = candidates.filter((c) => c.kind !== 'created').map((c) => c.recordId);
      const mappings = await syncStore.mappingsByInternalId(this.store.manager, targetId, target.entity, lookup);
      const ops: WriteOperation[] = [];
      const opChanges: CanonicalChange[] = [];
      for (const change of candidates) {
        const mapping = mappings.get(change.recordId);
        if (change.kind === 'deleted') {
          if (!mapping) continue;
          ops.push({ op: 'delete', id: mapping.externalId });
        } else if (mapping && mapping.hash === change.hash) {
          continue;
        } else {
          let data: Record<string, unknown>;
          try {
            data = await target.fromCanonical.apply(change.data, { recordId: change.recordId });
          } catch (err) {
            const error = stats.fail({ stage: 'write', integration: target.instance.integration.name, recordId: change.recordId }, err);
            failures.push({ integrationId: targetId, stage: 'write', id: change.recordId, error });
            continue;
          }
          // A record the hub already had but this target has no mapping for: an earlier create may
          // have reached the target before a crash, so the connector must look before it creates.
          ops.push(mapping ? { op: 'update', id: mapping.externalId, data } : { op: 'create', data, options: { correlationId: change.recordId, mayExist: change.kind !== 'created' } });
        }
        opChanges.push(change);
      }
      if (ops.length === 0 || dryRun) continue;
      const outcomes = await target.instance.write(target.entity, ops);
      const ok: Record<'write' | 'delete', string[]> = { write: [], delete: [] };
      outcomes.forEach((outcome, i) => {
        const change = opChanges[i];
        const op = ops[i];
        const stage = op.op === 'delete' ? 'delete' : 'write';
        if (!outcome.ok) {
          const error = stats.fail({ stage, integration: target.instance.integration.name, recordId: change.recordId, externalId: op.op === 'create' ? undefined : op.id }, outcome.error);
          failures.push({ integrationId: targetId, stage, id: change.recordId, error });
          failedRecords.add(change.recordId);
          return;
        }
        ok[stage].push(change.recordId);
        if (op.op === 'delete') {
          removedMappings.push(mappings.get(change.recordId)!.id);
          return;
        }
        // Reading this write back must give the slice the target's side owns: anything else is an edit made there.
        const readHash = target.readFields ? recordHash(ownedSlice(change.data, target.readFields)) : null;
        mappingRows.push({ id: mappings.get(change.recordId)?.id ?? uuidv7(), tenantId: this.tenantId, integrationId: targetId, externalEntity: target.entity, externalId: outcome.id, internalEntityType: this.plan.flow.entityType, internalEntityId: change.recordId, externalData: null, hash: change.hash, readHash, snapshot: null, lastSynced: now, createdAt: now });
      });
      cleared.push({ integrationId: targetId, stage: 'write', ids: ok.write }, { integrationId: targetId, stage: 'delete', ids: ok.delete });
    }
    if (dryRun) return;
    await this.store.transaction(async (tx) => {
      await syncStore.upsertMappingsByInternalId(tx, mappingRows);
      await syncStore.deleteMappings(tx, removedMappings);
      for (const stage of ['write', 'delete'] as const) {
        const byTarget = new Map<string, Array<{ id: string; error: HubError }>>();
        for (const f of failures.filter((x) => x.stage === stage)) byTarget.set(f.integrationId, [...(byTarget.get(f.integrationId) ?? []), f]);
        for (const [integrationId, list] of byTarget) await this.recordFailures(tx, integrationId, stage, list);
      }
      for (const c of cleared) await this.clearFailures(tx, c.integrationId, c.stage, c.ids);
      if (afterCommit) await afterCommit(tx);
    });
  }

  private async currentRecords(ids: string[]): Promise<Map<string, CanonicalRecord>> {
    return new Map((await syncStore.records(this.store.manager, ids)).map((r) => [r.id, r]));
  }

  private event(type: string, subject: string, extra: Record<string, unknown>, now: Date): OutboxEvent {
    return {
      id: uuidv7(),
      tenantId: this.tenantId,
      type,
      subject,
      payload: { recordId: subject, entityType: this.plan.flow.entityType, flow: this.plan.flow.name, integration: this.plan.source.instance.integration.name, runId: this.options.runId, ...extra },
      createdAt: now,
    };
  }

  private async clearFailures(tx: EntityManager, integrationId: string, stage: SyncFailure['stage'], ids: string[]): Promise<void> {
    const open = ids.filter((id) => this.options.openFailures.delete(`${integrationId}|${stage}|${id}`));
    if (open.length > 0) await syncStore.clearFailures(tx, this.plan.flow.id, integrationId, stage, open);
  }

  private async recordFailures(tx: EntityManager, integrationId: string, stage: SyncFailure['stage'], list: Array<{ id: string; error: HubError }>): Promise<void> {
    if (list.length === 0) return;
    for (const f of list) this.options.openFailures.add(`${integrationId}|${stage}|${f.id}`);
    const previous = await tx.getRepository(SyncFailure).findBy(list.map((f) => ({ flowId: this.plan.flow.id, integrationId, stage, itemKey: f.id })));
    const attempts = new Map(previous.map((p) => [p.itemKey, p.attempts]));
    const now = new Date();
    await syncStore.recordFailures(tx, list.map((f) => ({
      id: uuidv7(), tenantId: this.tenantId, flowId: this.plan.flow.id, integrationId, stage, itemKey: f.id, code: f.error.code, message: f.error.message.slice(0, 2000),
      attempts: (attempts.get(f.id) ?? 0) + 1, lastRunId: this.options.runId, firstFailedAt: now, lastFailedAt: now,
    })));
  }
}
