import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestampColumn, uuidColumn } from './columns';

/** One HTTP attempt of a delivery: the history a consumer's operator reads when debugging. */
@Entity('webhook_attempt')
@Index('ix_webhook_attempt_delivery', ['deliveryId', 'attempt'])
export class WebhookAttempt {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'delivery_id' }) deliveryId!: string;
  @Column({ type: 'int' }) attempt!: number;
  @Column({ type: 'varchar', length: 100, name: 'node_id' }) nodeId!: string;
  /** HTTP status, or null when no answer came (timeout, refused connection, blocked address). */
  @Column({ type: 'int', name: 'status_code', nullable: true }) statusCode!: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) error!: string | null;
  @Column({ type: 'int', name: 'latency_ms' }) latencyMs!: number;
  /** The first bytes of the answer, as text. */
  @Column({ type: 'varchar', length: 1024, name: 'response_excerpt', nullable: true }) responseExcerpt!: string | null;
  @Column({ ...timestampColumn, name: 'started_at' }) startedAt!: Date;
}
