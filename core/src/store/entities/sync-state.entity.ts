import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

/**
 * Checkpoint of one stream (a flow reading one entity of one integration). The lease columns make
 * one node at a time run the stream across the cluster; a lease that is not renewed expires, so a
 * crashed node's stream is picked up again.
 */
@Entity('sync_state')
@Index('uq_sync_state_stream', ['flowId', 'integrationId', 'entity'], { unique: true })
export class SyncState {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...uuidColumn, name: 'flow_id' }) flowId!: string;
  @Column({ ...uuidColumn, name: 'integration_id' }) integrationId!: string;
  @Column({ type: 'varchar', length: 100 }) entity!: string;
  @Column({ type: 'text', nullable: true }) cursor!: string | null;
  @Column({ type: 'varchar', length: 200, name: 'lease_owner', nullable: true }) leaseOwner!: string | null;
  @Column({ ...nullableTimestampColumn, name: 'lease_until' }) leaseUntil!: Date | null;
  @Column({ ...uuidColumn, name: 'last_run_id', nullable: true }) lastRunId!: string | null;
  @Column({ ...timestampColumn, name: 'updated_at' }) updatedAt!: Date;
}
