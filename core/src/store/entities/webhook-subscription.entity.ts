import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonColumn, nullableTimestampColumn, timestampColumn, uuidColumn } from './columns';

/** Narrows which events of the subscribed types are sent: all given fields must match. */
export interface SubscriptionFilter {
  /** Canonical entity type of `record.*` events, e.g. `person`. */
  entityType?: string;
  /** Flow name of `record.*` and `sync.*` events. */
  flow?: string;
}

/**
 * Where a tenant wants its events sent. The signing secret (`whsec_…`) is stored encrypted with
 * IHUB_SECRET_KEY for subscriptions made over the API or CLI; subscriptions declared in config
 * files take theirs from the environment at run time and store none (`source` names the file).
 */
@Entity('webhook_subscription')
@Index('ix_webhook_subscription_tenant', ['tenantId', 'id'])
@Index('uq_webhook_subscription_name', ['tenantId', 'name'], { unique: true })
export class WebhookSubscription {
  @PrimaryColumn(uuidColumn) id!: string;
  @Column({ ...uuidColumn, name: 'tenant_id' }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 2048 }) url!: string;
  @Column({ type: 'varchar', length: 500, nullable: true }) description!: string | null;
  /** Event types or wildcards (`record.*`, `*`). */
  @Column({ ...jsonColumn, name: 'event_types' }) eventTypes!: string[];
  @Column({ ...jsonColumn, nullable: true }) filter!: SubscriptionFilter | null;
  // width 1: MariaDB reports a boolean as tinyint(1), and the schema check compares widths.
  @Column({ type: 'boolean', width: 1, default: true }) enabled!: boolean;
  /** Why the hub disabled it (410 Gone, failing too long); null when enabled or disabled by a user. */
  @Column({ type: 'varchar', length: 500, name: 'disabled_reason', nullable: true }) disabledReason!: string | null;
  /** Encrypted current secret; null for config-file subscriptions. */
  @Column({ type: 'text', nullable: true }) secret!: string | null;
  /** Encrypted secret before the last rotation; it still signs until `previous_secret_expires_at`. */
  @Column({ type: 'text', name: 'previous_secret', nullable: true }) previousSecret!: string | null;
  @Column({ ...nullableTimestampColumn, name: 'previous_secret_expires_at' }) previousSecretExpiresAt!: Date | null;
  /** Deliveries to this URL in flight at once on one node. */
  @Column({ type: 'int', name: 'max_concurrency', default: 10 }) maxConcurrency!: number;
  /** Start of the current run of failed attempts; null after a success. */
  @Column({ ...nullableTimestampColumn, name: 'failing_since' }) failingSince!: Date | null;
  /** Config file the subscription is declared in; null when made over the API or CLI. */
  @Column({ type: 'varchar', length: 500, nullable: true }) source!: string | null;
  @Column({ ...timestampColumn, name: 'created_at' }) createdAt!: Date;
  @Column({ ...timestampColumn, name: 'updated_at' }) updatedAt!: Date;
}
