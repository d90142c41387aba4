import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

/** One configured, authenticated instance of a connector. */
@Entity('integration')
@Index('uq_integration_tenant_name', ['tenantId', 'name'], { unique: true })
export class Integration {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 64 }) connector!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) description!: string | null;
  @Column({ type: 'varchar', length: 500, name: 'endpoint_url', nullable: true }) endpointUrl!: string | null;
  /** Connection config with every secret field replaced by `***`; secrets live in config files and env. */
  @Column({ ...jsonColumn }) configuration!: Record<string, unknown>;
  /**
   * The secret fields of the connection config, encrypted (AES-256-GCM, see security/secret-box):
   * set for integrations created over the API; config-file integrations take theirs from ${ENV}.
   */
  @Column({ type: 'text', nullable: true }) secrets!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: 'active' | 'paused' | 'error';
  /** Where the integration was declared (`config/integrations/hr.yaml:4`), or null when created over the API. */
  @Column({ type: 'varchar', length: 500, nullable: true }) source!: string | null;
  @Column({ ...nullableTimestampColumn, name: 'last_sync_at' }) lastSyncAt!: Date | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
  @Column({ ...timestampColumn, name: 'updated_at' }) updatedAt!: Date;
}
