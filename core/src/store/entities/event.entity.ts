import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

/**
 * The outbox: everything a subscriber may want to hear about, appended in the same transaction as
 * the change it describes. `id` is a UUIDv7, so ordering by it is ordering by creation time.
 */
@Entity('event')
@Index('ix_event_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_event_type', ['type'])
@Index('ix_event_tenant_id', ['tenantId', 'id'])
@Index('ix_event_dispatched', ['dispatchedAt', 'id'])
export class OutboxEvent {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) type!: string;
  /** What the event is about: a record id, a run id, an integration id. */
  @Column({ type: 'varchar', length: 255 }) subject!: string;
  @Column({ ...jsonColumn }) payload!: Record<string, unknown>;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
  /** When the webhook dispatcher turned the event into deliveries; null until then. */
  @Column({ ...nullableTimestampColumn, name: 'dispatched_at' }) dispatchedAt?: Date | null;
}
