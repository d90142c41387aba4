import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

export type Scope = 'admin' | 'write' | 'read';

/** An API key (`ihk_…`). Only its SHA-256 is stored; the key itself is shown once, at creation. */
@Entity('api_key')
@Index('uq_api_key_hash', ['hash'], { unique: true })
@Index('ix_api_key_tenant', ['tenantId'])
export class ApiKey {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  /** The first characters of the key, to recognise it in lists and logs without revealing it. */
  @Column({ type: 'varchar', length: 16 }) prefix!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
  @Column({ ...jsonColumn }) scopes!: Scope[];
  @Column({ ...nullableTimestampColumn, name: 'expires_at' }) expiresAt!: Date | null;
  @Column({ ...nullableTimestampColumn, name: 'revoked_at' }) revokedAt!: Date | null;
  @Column({ ...nullableTimestampColumn, name: 'last_used_at' }) lastUsedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
}
