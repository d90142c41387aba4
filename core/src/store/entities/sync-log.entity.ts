import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

export type SyncType = 'full' | 'incremental' | 'webhook' | 'retry';
export type SyncStatus = 'running' | 'completed' | 'partial' | 'failed';

/** One per-record problem of a run, as shown by `ihub logs` and the API. */
export interface RecordErrorDetail {
  stage: 'read' | 'map' | 'write' | 'delete';
  integration: string;
  externalId?: string;
  recordId?: string;
  code: string;
  message: string;
}

/** One sync run of one stream: counts, cursors, per-record errors. */
@Entity('sync_log')
@Index('ix_sync_log_flow_started', ['flowId', 'startedAt'])
@Index('ix_sync_log_tenant_id', ['tenantId', 'id'])
export class SyncLog {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...uuidColumn, name: 'integration_id' }) integrationId!: string;
  @Column({ ...uuidColumn, name: 'flow_id' }) flowId!: string;
  @Column({ type: 'varchar', length: 100, name: 'flow_name' }) flowName!: string;
  @Column({ type: 'varchar', length: 100 }) entity!: string;
  @Column({ type: 'varchar', length: 16, name: 'sync_type' }) syncType!: SyncType;
  @Column({ type: 'varchar', length: 16 }) status!: SyncStatus;
  @Column({ type: 'integer', name: 'records_processed', default: 0 }) recordsProcessed!: number;
  @Column({ type: 'integer', name: 'records_succeeded', default: 0 }) recordsSucceeded!: number;
  @Column({ type: 'integer', name: 'records_failed', default: 0 }) recordsFailed!: number;
  @Column({ type: 'integer', name: 'records_created', default: 0 }) recordsCreated!: number;
  @Column({ type: 'integer', name: 'records_updated', default: 0 }) recordsUpdated!: number;
  @Column({ type: 'integer', name: 'records_deleted', default: 0 }) recordsDeleted!: number;
  @Column({ type: 'integer', name: 'records_unchanged', default: 0 }) recordsUnchanged!: number;
  /** Per-record errors of the run (the first 1,000; `records_failed` has the full count). */
  @Column({ ...jsonColumn, name: 'error_details' }) errorDetails!: RecordErrorDetail[];
  /** Why the run as a whole failed, when it did. */
  @Column({ ...jsonColumn, nullable: true }) error!: { code: string; message: string } | null;
  @Column({ type: 'text', name: 'cursor_before', nullable: true }) cursorBefore!: string | null;
  @Column({ type: 'text', name: 'cursor_after', nullable: true }) cursorAfter!: string | null;
  @Column({ type: 'integer', name: 'duration_ms', nullable: true }) durationMs!: number | null;
  @Column({ type: 'varchar', length: 200, name: 'node_id' }) nodeId!: string;
  @Column({ ...timestampColumn, name: 'started_at' }) startedAt!: Date;
  @Column({ ...nullableTimestampColumn, name: 'completed_at' }) completedAt!: Date | null;
}
