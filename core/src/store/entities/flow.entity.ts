import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

/** How records move between integrations through the hub. `definition` is the flow as configured. */
@Entity('flow')
@Index('uq_flow_tenant_name', ['tenantId', 'name'], { unique: true })
export class Flow {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100, name: 'entity_type' }) entityType!: string;
  @Column({ ...jsonColumn }) definition!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 16 }) direction!: 'one-way' | 'two-way';
  @Column({ type: 'varchar', length: 100, nullable: true }) schedule!: string | null;
  /** `paused` flows are not run by the schedule; a manual run still works. */
  @Column({ type: 'varchar', length: 16 }) status!: 'active' | 'paused';
  @Column({ type: 'varchar', length: 500, nullable: true }) source!: string | null;
  /** The last schedule tick claimed by a node: a conditional update on it makes each tick run once per cluster. */
  @Column({ ...nullableTimestampColumn, name: 'last_tick_at' }) lastTickAt!: Date | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
  @Column({ ...timestampColumn, name: 'updated_at' }) updatedAt!: Date;
}
