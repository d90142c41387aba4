import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';

/**
 * A record that failed in a run and has not succeeded since. The next run of the flow retries it
 * (a write failure by writing the canonical record again, a read/map failure by fetching the
 * external record again); success deletes the row.
 */
@Entity('sync_failure')
@Index('uq_sync_failure_item', ['flowId', 'integrationId', 'stage', 'itemKey'], { unique: true })
export class SyncFailure {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...uuidColumn, name: 'flow_id' }) flowId!: string;
  @Column({ ...uuidColumn, name: 'integration_id' }) integrationId!: string;
  @Column({ type: 'varchar', length: 16 }) stage!: 'map' | 'write' | 'delete';
  /** The external id (map stage) or the canonical record id (write/delete stages). */
  @Column({ type: 'varchar', length: 255, name: 'item_key' }) itemKey!: string;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ ...uuidColumn, name: 'last_run_id' }) lastRunId!: string;
  @Column({ ...timestampColumn, name: 'first_failed_at' }) firstFailedAt!: Date;
  @Column({ ...timestampColumn, name: 'last_failed_at' }) lastFailedAt!: Date;
}
