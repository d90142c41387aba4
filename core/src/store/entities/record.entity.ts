import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

/** The hub's canonical copy of a record. `hash` is over `data`; a write that keeps it is skipped. */
@Entity('record')
@Index('ix_record_tenant_type_updated', ['tenantId', 'entityType', 'updatedAt'])
@Index('ix_record_tenant_id', ['tenantId', 'id'])
export class CanonicalRecord {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100, name: 'entity_type' }) entityType!: string;
  @Column({ ...jsonColumn }) data!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ ...nullableTimestampColumn, name: 'deleted_at' }) deletedAt!: Date | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
  @Column({ ...timestampColumn, name: 'updated_at' }) updatedAt!: Date;
}
