import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

/**
 * Which external record is which hub record, per integration and external entity. `hash` is the
 * canonical hash last read from (source side) or written to (target side) the external record:
 * comparing it is how unchanged records and echoes of our own writes are skipped. `readHash` is
 * set in two-way flows, where each side owns some fields: the hash of what the external record
 * maps to through the mapping that reads it (the fields its side owns), as last read or written.
 */
@Entity('external_mapping')
@Index('uq_mapping_external', ['integrationId', 'externalEntity', 'externalId'], { unique: true })
@Index('uq_mapping_internal', ['integrationId', 'externalEntity', 'internalEntityId'], { unique: true })
@Index('ix_mapping_tenant_id', ['tenantId', 'id'])
export class ExternalMapping {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...uuidColumn, name: 'integration_id' }) integrationId!: string;
  @Column({ type: 'varchar', length: 100, name: 'external_entity' }) externalEntity!: string;
  @Column({ type: 'varchar', length: 255, name: 'external_system_id' }) externalId!: string;
  @Column({ type: 'varchar', length: 100, name: 'internal_entity_type' }) internalEntityType!: string;
  @Column({ ...uuidColumn, name: 'internal_entity_id' }) internalEntityId!: string;
  @Column({ ...jsonColumn, name: 'external_system_data', nullable: true }) externalData!: Record<string, unknown> | null;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  /** Null when the reading mapping covers the whole record (one-way flows): `hash` then serves. */
  @Column({ type: 'varchar', length: 64, name: 'read_hash', nullable: true }) readHash!: string | null;
  /** The snapshot pass that last saw this record, for entities whose deletions are found by comparing passes. */
  @Column({ type: 'varchar', length: 100, nullable: true }) snapshot!: string | null;
  @Column({ ...nullableTimestampColumn, name: 'last_synced' }) lastSynced!: Date | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
}
