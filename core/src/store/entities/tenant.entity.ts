import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, timestampColumn, uuidColumn } from './columns';

@Entity('tenant')
@Index('uq_tenant_code', ['code'], { unique: true })
export class Tenant {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: 'active' | 'suspended';
  @Column({ ...jsonColumn, nullable: true }) quotas!: Record<string, number> | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
  @Column({ ...timestampColumn, name: 'updated_at' }) updatedAt!: Date;
}
