import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

// Webhook subscriptions, deliveries and attempts, and the outbox's dispatch mark (the webhooks issue).
// Table API for the same reason as the initial schema: one migration for SQLite and MySQL.
const uuid = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: '36', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const index = (name: string, columnNames: string[], isUnique = false): TableIndex => new TableIndex({ name, columnNames, isUnique });

export class Webhooks1732510000000 implements MigrationInterface {
  name = 'Webhooks1732510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'webhook_subscription',
      columns: [
        uuid('id', { isPrimary: true }), uuid('tenant_id'), str('name', 100), str('url', 2048), str('description', 500, { isNullable: true }), { name: 'event_types', type: 'json' },
        { name: 'filter', type: 'json', isNullable: true }, { name: 'enabled', type: 'boolean', default: 1 }, str('disabled_reason', 500, { isNullable: true }),
        { name: 'secret', type: 'text', isNullable: true }, { name: 'previous_secret', type: 'text', isNullable: true }, time('previous_secret_expires_at', true),
        int('max_concurrency', { default: 10 }), time('failing_since', true), str('source', 500, { isNullable: true }), time('created_at'), time('updated_at'),
      ],
      indices: [index('ix_webhook_subscription_tenant', ['tenant_id', 'id']), index('uq_webhook_subscription_name', ['tenant_id', 'name'], true)],
    }));
    await q.createTable(new Table({
      name: 'webhook_delivery',
      columns: [
        uuid('id', { isPrimary: true }), uuid('tenant_id'), uuid('subscription_id'), uuid('event_id'), str('event_type', 100), str('status', 16), int('attempts', { default: 0 }),
        time('next_attempt_at'), str('lease_owner', 100, { isNullable: true }), time('lease_until', true), int('last_status_code', { isNullable: true }),
        str('last_error', 500, { isNullable: true }), int('last_latency_ms', { isNullable: true }), time('event_created_at'), time('delivered_at', true), time('created_at'),
      ],
      indices: [
        index('uq_webhook_delivery_event', ['subscription_id', 'event_id'], true),
        index('ix_webhook_delivery_due', ['status', 'subscription_id', 'next_attempt_at']),
        index('ix_webhook_delivery_tenant', ['tenant_id', 'id']),
      ],
    }));
    await q.createTable(new Table({
      name: 'webhook_attempt',
      columns: [
        uuid('id', { isPrimary: true }), uuid('delivery_id'), int('attempt'), str('node_id', 100), int('status_code', { isNullable: true }), str('error', 500, { isNullable: true }),
        int('latency_ms'), str('response_excerpt', 1024, { isNullable: true }), time('started_at'),
      ],
      indices: [index('ix_webhook_attempt_delivery', ['delivery_id', 'attempt'])],
    }));
    await q.addColumn('event', new TableColumn(time('dispatched_at', true)));
    // Events from before webhooks existed had no subscriber to go to.
    await q.query('UPDATE event SET dispatched_at = created_at');
    await q.createIndex('event', index('ix_event_dispatched', ['dispatched_at', 'id']));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('event', 'ix_event_dispatched');
    await q.dropColumn('event', 'dispatched_at');
    for (const table of ['webhook_attempt', 'webhook_delivery', 'webhook_subscription']) await q.dropTable(table);
  }
}
