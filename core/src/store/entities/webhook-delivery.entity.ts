import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

/**
 * One event for one subscription. Its `webhook-id` is `msg_<event id>`, so every attempt,
 * redelivery and replay of the event carries the same id and consumers can deduplicate. Any node
 * claims a due delivery by taking its lease; a node that dies mid-attempt lets the lease lapse
 * and another node sends it again.
 */
@Entity('webhook_delivery')
@Index('uq_webhook_delivery_event', ['subscriptionId', 'eventId'], { unique: true })
@Index('ix_webhook_delivery_due', ['status', 'subscriptionId', 'nextAttemptAt'])
@Index('ix_webhook_delivery_tenant', ['tenantId', 'id'])
export class WebhookDelivery {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ ...uuidColumn, name: 'subscription_id' }) subscriptionId!: string;
  @Column({ ...uuidColumn, name: 'event_id' }) eventId!: string;
  @Column({ type: 'varchar', length: 100, name: 'event_type' }) eventType!: string;
  @Column({ type: 'varchar', length: 16 }) status!: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ ...timestampColumn, name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column({ type: 'varchar', length: 100, name: 'lease_owner', nullable: true }) leaseOwner!: string | null;
  @Column({ ...nullableTimestampColumn, name: 'lease_until' }) leaseUntil!: Date | null;
  @Column({ type: 'int', name: 'last_status_code', nullable: true }) lastStatusCode!: number | null;
  @Column({ type: 'varchar', length: 500, name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ type: 'int', name: 'last_latency_ms', nullable: true }) lastLatencyMs!: number | null;
  /** When the event was created: delivery latency is measured from here. */
  @Column({ ...timestampColumn, name: 'event_created_at' }) eventCreatedAt!: Date;
  @Column({ ...nullableTimestampColumn, name: 'delivered_at' }) deliveredAt!: Date | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
}
