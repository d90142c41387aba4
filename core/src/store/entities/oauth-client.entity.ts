import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';
import type { Scope } from './api-key.entity';

/** An OAuth 2.0 client (client credentials grant). Only the secret's SHA-256 is stored. */
@Entity('oauth_client')
@Index('uq_oauth_client_client_id', ['clientId'], { unique: true })
export class OAuthClient {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 64, name: 'client_id' }) clientId!: string;
  @Column({ type: 'varchar', length: 64, name: 'secret_hash' }) secretHash!: string;
  @Column({ ...jsonColumn }) scopes!: Scope[];
  @Column({ ...nullableTimestampColumn, name: 'revoked_at' }) revokedAt!: Date | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
}
