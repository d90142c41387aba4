import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The single row holding the audit chain's last sequence number and hash. Appending locks it
 * (SELECT … FOR UPDATE on MySQL; SQLite has one writer), so nodes append one at a time.
 */
@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'varchar', length: 16 }) id!: string;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}
