import { DataSource, In, Not, IsNull, Or } from 'typeorm';
import { HubError, Logger, NotFoundError, SourceRecord } from '@ihub/plugin-kit';
import { ConnectorInstance } from '../registry/connector-instance';
import { CanonicalRecord, ExternalMapping, Flow, Integration, OutboxEvent, SyncFailure, SyncLog, SyncType } from '../store/entities';
import { uuidv7 } from '../store/uuid-v7';
import { FieldMapper, type FieldMapping } from './field-mapper';
import type { FlowDefinition } from './flow-definition';
import { RunStats, RunCounts } from './run-stats';
import { StreamLease } from './stream-lease';
import { CanonicalChange, StreamPlan, StreamSync } from './stream-sync';
import { syncStore } from './sync-store';

export interface RunOptions {
  /** Ignore the saved cursor and read everything. */
  full?: boolean;
  /** Read and map, report what would change, write nothing. */
  dryRun?: boolean;
  /** What started the run, for the sync log. */
  trigger?: SyncType;
  /**
   * Records the source pushed (an inbound webhook carrying the changed records): the run takes
   * these instead of listing the source, and leaves the stream's cursor where it was.
   */
  records?: SourceRecord[];
  onProgress?: (progress: RunProgress) => void;
  /** Called once each stream's run has its id and its sync log row. */
  onStart?: (run: { runId: string; integration: string; entity: string }) => void;
  signal?: AbortSignal;
}

export interface RunProgress {
  runId: string;
  flow: string;
  integration: string;
  entity: string;
  counts: RunCounts;
  done: boolean;
}

export interface RunResult {
  runId: string;
  flow: string;
  integration: string;
  entity: string;
  status: SyncLog['status'];
  counts: RunCounts;
  cursorBefore: string | null;
  cursorAfter: string | null;
  durationMs: number;
  errors: SyncLog['errorDetails'];
  error: SyncLog['error'];
}

/** Looks up the live connector of an integration by tenant and name. */
export interface IntegrationResolver {
  byName(tenantId: string, name: string): ConnectorInstance | undefined;
}

export interface SyncEngineOptions {
  store: DataSource;
  integrations: IntegrationResolver;
  nodeId: string;
  logger: Logger;
  leaseMs?: number;
  defaultPageSize?: number;
}

const DEFAULT_DELETE_THRESHOLD = 0.5;

/**
 * Runs flows: builds each stream's plan (one stream for a one-way flow, two for a two-way flow),
 * takes the stream's lease, reads pages from the source and hands them to StreamSync, commits
 * the cursor after each page, and writes the sync log and the run's events.
 */
export class SyncEngine {
  /** Told about every finished run (metrics, notifications); a listener that throws is logged, not fatal. */
  private readonly finishedListeners: Array<(result: RunResult) => void> = [];

  constructor(private readonly options: SyncEngineOptions) {}

  onRunFinished(listener: (result: RunResult) => void): void {
    this.finishedListeners.push(listener);
  }

  async runFlow(tenantId: string, flowName: string, options: RunOptions = {}): Promise<RunResult[]> {
    const flow = await this.options.store.getRepository(Flow).findOneBy({ tenantId, name: flowName });
    if (!flow) throw new NotFoundError('flow', flowName);
    const results: RunResult[] = [];
    for (const plan of this.plans(flow)) results.push(await this.runStream(plan, options));
    return results;
  }

  /**
   * Runs every stream that reads `entity` of an integration, in the tenant's active flows: what
   * an inbound webhook from that system starts. Flows whose other integrations are not loaded
   * are skipped with a warning.
   */
  async runSourceStreams(tenantId: string, integration: string, entity: string, options: RunOptions = {}): Promise<RunResult[]> {
    const flows = await this.options.store.getRepository(Flow).findBy({ tenantId, status: 'active' });
    const results: RunResult[] = [];
    for (const flow of flows) {
      let plans: StreamPlan[];
      try {
        plans = this.plans(flow);
      } catch (err) {
        this.options.logger.warn(`flow ${flow.name} skipped: ${(err as Error).message}`);
        continue;
      }
      for (const plan of plans) {
        if (plan.source.instance.integration.name === integration && plan.source.entity === entity) results.push(await this.runStream(plan, options));
      }
    }
    return results;
  }

  /** The streams of a flow, with live connectors and compiled mappings. */
  plans(flow: Flow): StreamPlan[] {
    const def = flow.definition as unknown as FlowDefinition;
    const resolve = (name: string): ConnectorInstance => {
      const instance = this.options.integrations.byName(flow.tenantId, name);
      if (!instance) throw new HubError('IHUB_INTEGRATION_UNAVAILABLE', `flow '${flow.name}': integration '${name}' is not loaded (unknown, or its connector failed to load)`, { fault: 'user', data: { integration: name } });
      return instance;
    };
    const common = {
      flow,
      deletes: def.deletes ?? 'propagate',
      pageSize: def.pageSize ?? this.options.defaultPageSize ?? 500,
      deleteThreshold: def.deleteThreshold ?? DEFAULT_DELETE_THRESHOLD,
    };
    // Each side of a two-way flow owns the fields its mapping names (field-ownership.ts).
    const twoWay = def.direction === 'two-way';
    const owned = (mapping: FieldMapping | undefined): string[] | null => (twoWay && mapping ? Object.keys(mapping) : null);
    const forward: StreamPlan = {
      ...common,
      source: { instance: resolve(def.source.integration), entity: def.source.entity, filter: def.source.filter, toCanonical: FieldMapper.compile(def.mapping, `flow ${flow.name} mapping`), ownedFields: owned(def.mapping) },
      targets: def.targets.map((t, i) => ({ instance: resolve(t.integration), entity: t.entity, fromCanonical: FieldMapper.compile(t.mapping, `flow ${flow.name} targets[${i}].mapping`), readFields: owned(t.reverseMapping) })),
    };
    if (!twoWay) return [forward];
    const [back] = def.targets;
    const reverse: StreamPlan = {
      ...common,
      source: { instance: resolve(back.integration), entity: back.entity, toCanonical: FieldMapper.compile(back.reverseMapping, `flow ${flow.name} targets[0].reverseMapping`), ownedFields: owned(back.reverseMapping) },
      targets: [{ instance: forward.source.instance, entity: def.source.entity, fromCanonical: FieldMapper.compile(def.reverseMapping, `flow ${flow.name} reverseMapping`), readFields: owned(def.mapping) }],
    };
    return [forward, reverse];
  }

  async runStream(plan: StreamPlan, options: RunOptions = {}): Promise<RunResult> {
    const { store, nodeId, logger } = this.options;
    const { flow } = plan;
    const source = plan.source.instance;
    const leaseMs = this.options.leaseMs ?? 60_000;
    const lease = await StreamLease.acquire(store, { tenantId: flow.tenantId, flowId: flow.id, integrationId: source.integration.id, entity: plan.source.entity }, nodeId, leaseMs);
    // Time-ordered, so runs list oldest first by id.
    const runId = uuidv7();
    const stats = new RunStats();
    const dryRun = options.dryRun ?? false;
    const failures = dryRun ? [] : await this.openFailures(plan);
    const openFailures = new Set(failures.map((f) => `${f.integrationId}|${f.stage}|${f.itemKey}`));
    const sync = new StreamSync(store, plan, { runId, dryRun, logger, stats, openFailures });
    const startedAt = new Date();
    const cursorBefore = options.full ? null : lease.state.cursor;
    const log: SyncLog = Object.assign(new SyncLog(), {
      id: runId, tenantId: flow.tenantId, integrationId: source.integration.id, flowId: flow.id, flowName: flow.name, entity: plan.source.entity,
      syncType: options.trigger ?? (cursorBefore === null ? 'full' : 'incremental'), status: 'running' as const,
      recordsProcessed: 0, recordsSucceeded: 0, recordsFailed: 0, recordsCreated: 0, recordsUpdated: 0, recordsDeleted: 0, recordsUnchanged: 0,
      errorDetails: [], error: null, cursorBefore, cursorAfter: null, durationMs: null, nodeId, startedAt, completedAt: null,
    });
    const progress = (done: boolean) => options.onProgress?.({ runId, flow: flow.name, integration: source.integration.name, entity: plan.source.entity, counts: { ...stats.counts }, done });
    // A page may take longer than the lease; keep it alive in the background and stop writing if it is lost.
    let leaseLost: HubError | undefined;
    const renewal = setInterval(() => lease.renew().catch((err) => (leaseLost = HubError.from(err))), Math.max(1000, Math.floor(leaseMs / 3)));
    renewal.unref();
    if (!dryRun) {
      await store.getRepository(SyncLog).insert(log);
      await syncStore.insertEvents(store.manager, [this.runEvent(log, 'sync.started')]);
    }
    options.onStart?.({ runId, integration: source.integration.name, entity: plan.source.entity });
    let cursor = cursorBefore;
    try {
      await this.retryFailures(plan, sync, failures, stats);
      let snapshot: string | undefined;
      // The next page is read and mapped while the current one is stored: source, CPU and database work in parallel.
      const read = async (from: string | null) => {
        const page = options.records
          ? { records: options.records, cursor: from, hasMore: false }
          : await source.list(plan.source.entity, { cursor: from, pageSize: plan.pageSize, filter: plan.source.filter });
        stats.counts.processed += page.records.length;
        return { page, prepared: await sync.prepare(page.records) };
      };
      let next = read(cursor);
      // SQLite has one connection, and better-sqlite3 blocks while it writes: nothing to overlap there.
      const pipelined = store.options.type !== 'better-sqlite3';
      let writing: Promise<void> = Promise.resolve();
      for (;;) {
        if (options.signal?.aborted) throw new HubError('IHUB_SYNC_CANCELLED', 'run cancelled');
        if (leaseLost) throw leaseLost;
        const { page, prepared } = await next;
        if (page.hasMore) {
          next = read(page.cursor);
          next.catch(() => undefined);
        }
        const changes = await sync.commitPage(prepared, page.snapshot);
        // Targets are written and cursors committed strictly in page order; on a server database the
        // next page's records are stored (on another connection) while this page goes to the targets.
        await writing;
        writing = sync.propagate(changes, (tx) => syncStore.saveCursor(tx, lease.state.id, page.cursor, runId)).then(() => {
          cursor = page.cursor;
        });
        if (!pipelined) await writing;
        writing.catch(() => undefined);
        snapshot = page.snapshot ?? (page.records.length > 0 ? undefined : snapshot);
        progress(false);
        if (!page.hasMore) break;
      }
      await writing;
      if (snapshot && source.changeTracking(plan.source.entity) === 'snapshot') await this.sweepSnapshot(plan, sync, snapshot);
      log.status = stats.counts.failed > 0 ? 'partial' : 'completed';
    } catch (err) {
      const error = HubError.from(err, 'IHUB_SYNC_FAILED');
      logger.error(`run ${runId} of flow ${flow.name} (${source.integration.name}.${plan.source.entity}) failed: ${error.code} ${error.message}`);
      log.status = 'failed';
      log.error = { code: error.code, message: error.message };
    } finally {
      clearInterval(renewal);
    }
    const completedAt = new Date();
    Object.assign(log, {
      recordsProcessed: stats.counts.processed, recordsSucceeded: stats.succeeded, recordsFailed: stats.counts.failed, recordsCreated: stats.counts.created,
      recordsUpdated: stats.counts.updated, recordsDeleted: stats.counts.deleted, recordsUnchanged: stats.counts.unchanged, errorDetails: stats.errors,
      cursorAfter: cursor, durationMs: completedAt.getTime() - startedAt.getTime(), completedAt,
    });
    if (!dryRun) {
      await store.transaction(async (tx) => {
        await tx.getRepository(SyncLog).save(log);
        await tx.getRepository(Integration).update({ id: source.integration.id }, { lastSyncAt: completedAt });
        await syncStore.insertEvents(tx, [this.runEvent(log, log.status === 'failed' ? 'sync.failed' : 'sync.completed')]);
      });
    }
    await lease.release().catch((err: Error) => logger.warn(`releasing lease failed: ${err.message}`));
    const c = stats.counts;
    if (log.status !== 'failed') logger.info(`run ${runId} of flow ${flow.name} (${source.integration.name}.${plan.source.entity}) ${log.status}${dryRun ? ' (dry run)' : ''}: ${c.processed} read, ${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged, ${c.failed} failed in ${log.durationMs} ms`);
    progress(true);
    const result: RunResult = {
      runId, flow: flow.name, integration: source.integration.name, entity: plan.source.entity, status: log.status, counts: { ...stats.counts },
      cursorBefore, cursorAfter: cursor, durationMs: log.durationMs ?? 0, errors: stats.errors, error: log.error,
    };
    if (!dryRun) {
      for (const listener of this.finishedListeners) {
        try {
          listener(result);
        } catch (err) {
          logger.warn(`run listener failed: ${(err as Error).message}`);
        }
      }
    }
    return result;
  }

  /**
   * Records that failed in earlier runs go first: write failures are written again from the
   * canonical record; read/map failures are fetched again when the connector can `get`.
   */
  private async openFailures(plan: StreamPlan): Promise<SyncFailure[]> {
    return this.options.store.getRepository(SyncFailure).findBy([
      { flowId: plan.flow.id, integrationId: plan.source.instance.integration.id, stage: 'map' },
      { flowId: plan.flow.id, integrationId: In(plan.targets.map((t) => t.instance.integration.id)), stage: In(['write', 'delete']) },
    ]);
  }

  private async retryFailures(plan: StreamPlan, sync: StreamSync, failures: SyncFailure[], stats: RunStats): Promise<void> {
    const { store } = this.options;
    const targetIds = plan.targets.map((t) => t.instance.integration.id);
    if (failures.length === 0) return;
    const mapKeys = failures.filter((f) => f.stage === 'map').map((f) => f.itemKey);
    if (mapKeys.length > 0 && plan.source.instance.supports(plan.source.entity, 'get')) {
      const records: SourceRecord[] = [];
      for (const key of mapKeys) records.push((await plan.source.instance.get(plan.source.entity, key)) ?? { id: key, data: {}, deleted: true });
      stats.counts.processed += records.length;
      await sync.propagate(await sync.ingest(records, undefined));
    }
    for (const targetId of targetIds) {
      const ids = [...new Set(failures.filter((f) => f.integrationId === targetId && f.stage !== 'map').map((f) => f.itemKey))];
      if (ids.length === 0) continue;
      const records = await syncStore.records(store.manager, ids);
      const changes: CanonicalChange[] = records.map((r: CanonicalRecord) => ({ recordId: r.id, data: r.data, hash: r.hash, kind: r.deletedAt ? 'deleted' : 'updated' }));
      await sync.propagate(changes, undefined, new Set([targetId]));
    }
  }

  /** End of a complete snapshot pass: what the pass did not see was deleted upstream. */
  private async sweepSnapshot(plan: StreamPlan, sync: StreamSync, snapshot: string): Promise<void> {
    const repo = this.options.store.getRepository(ExternalMapping);
    const where = { integrationId: plan.source.instance.integration.id, externalEntity: plan.source.entity };
    const vanished = await repo.find({ select: { externalId: true }, where: { ...where, snapshot: Or(IsNull(), Not(snapshot)) } });
    if (vanished.length === 0) return;
    const total = await repo.countBy(where);
    if (vanished.length / total > plan.deleteThreshold) {
      throw new HubError('IHUB_SYNC_DELETE_THRESHOLD', `refusing to delete ${vanished.length} of ${total} records (more than ${Math.round(plan.deleteThreshold * 100)}%): check the source, or raise the flow's deleteThreshold`, {
        fault: 'user',
        data: { vanished: vanished.length, total, threshold: plan.deleteThreshold },
      });
    }
    for (let i = 0; i < vanished.length; i += plan.pageSize) {
      const tombstones = vanished.slice(i, i + plan.pageSize).map((m) => ({ id: m.externalId, data: {}, deleted: true }));
      await sync.propagate(await sync.ingest(tombstones, undefined));
    }
  }

  private runEvent(log: SyncLog, type: string): OutboxEvent {
    return {
      id: uuidv7(), tenantId: log.tenantId, type, subject: log.id, createdAt: new Date(),
      payload: {
        runId: log.id, flow: log.flowName, integration: log.integrationId, entity: log.entity, status: log.status, syncType: log.syncType,
        counts: { processed: log.recordsProcessed, created: log.recordsCreated, updated: log.recordsUpdated, deleted: log.recordsDeleted, unchanged: log.recordsUnchanged, failed: log.recordsFailed },
        error: log.error,
      },
    };
  }
}
