import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, timestampColumn, uuidColumn } from './columns';

/**
 * One audited action. `seq` orders the chain cluster-wide; `hash` covers this row's fields and
 * `prev_hash`, so altering or removing a row breaks every later link.
 */
@Entity('audit_log')
@Index('uq_audit_log_seq', ['seq'], { unique: true })
@Index('ix_audit_log_tenant_created', ['tenantId', 'createdAt'])
@Index('ix_audit_log_tenant_id', ['tenantId', 'id'])
export class AuditLog {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ ...uuidColumn, name: 'tenant_id', nullable: true }) tenantId!: string | null;
  /** `key:<id>`, `client:<client id>`, `cli:<node>` or `anonymous`. */
  @Column({ type: 'varchar', length: 200 }) actor!: string;
  @Column({ type: 'varchar', length: 100 }) action!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) target!: string | null;
  @Column({ type: 'varchar', length: 16 }) outcome!: 'success' | 'failure' | 'denied';
  @Column({ type: 'varchar', length: 64, name: 'request_id', nullable: true }) requestId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ ...jsonColumn }) details!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 64, name: 'prev_hash' }) prevHash!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
}
