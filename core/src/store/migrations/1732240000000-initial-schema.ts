import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Written with TypeORM's Table API rather than SQL so the one migration runs on SQLite and MySQL.
// Frozen: later schema changes get migrations of their own.
const uuid = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: '36', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const json = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'json', isNullable: nullable });
const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const index = (name: string, columnNames: string[], isUnique = false): TableIndex => new TableIndex({ name, columnNames, isUnique });
const count = (name: string) => int(name, { default: 0 });

export class InitialSchema1732240000000 implements MigrationInterface {
  name = 'InitialSchema1732240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'tenant',
      columns: [uuid('id', { isPrimary: true }), str('code', 64), str('name', 200), str('status', 16, { default: "'active'" }), json('quotas', true), time('created_at'), time('updated_at')],
      indices: [index('uq_tenant_code', ['code'], true)],
    }));
    await q.createTable(new Table({
      name: 'integration',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), str('name', 100), str('connector', 64), str('description', 500, { isNullable: true }), str('endpoint_url', 500, { isNullable: true }), json('configuration'), str('status', 16, { default: "'active'" }), str('source', 500, { isNullable: true }), time('last_sync_at', true), time('created_at'), time('updated_at')],
      indices: [index('uq_integration_tenant_name', ['tenant_id', 'name'], true)],
    }));
    await q.createTable(new Table({
      name: 'flow',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), str('name', 100), str('entity_type', 100), json('definition'), str('direction', 16), str('schedule', 100, { isNullable: true }), str('status', 16), str('source', 500, { isNullable: true }), time('last_tick_at', true), time('created_at'), time('updated_at')],
      indices: [index('uq_flow_tenant_name', ['tenant_id', 'name'], true)],
    }));
    await q.createTable(new Table({
      name: 'record',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), str('entity_type', 100), json('data'), str('hash', 64), int('version'), time('deleted_at', true), time('created_at'), time('updated_at')],
      indices: [index('ix_record_tenant_type_updated', ['tenant_id', 'entity_type', 'updated_at'])],
    }));
    await q.createTable(new Table({
      name: 'external_mapping',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), uuid('integration_id'), str('external_entity', 100), str('external_system_id', 255), str('internal_entity_type', 100), uuid('internal_entity_id'), json('external_system_data', true), str('hash', 64), str('snapshot', 100, { isNullable: true }), time('last_synced', true), time('created_at')],
      indices: [
        index('uq_mapping_external', ['integration_id', 'external_entity', 'external_system_id'], true),
        index('uq_mapping_internal', ['integration_id', 'external_entity', 'internal_entity_id'], true),
      ],
    }));
    await q.createTable(new Table({
      name: 'sync_log',
      columns: [
        uuid('id', { isPrimary: true }), uuid('tenant_id'), uuid('integration_id'), uuid('flow_id'), str('flow_name', 100), str('entity', 100), str('sync_type', 16), str('status', 16),
        count('records_processed'), count('records_succeeded'), count('records_failed'), count('records_created'), count('records_updated'), count('records_deleted'), count('records_unchanged'),
        json('error_details'), json('error', true), text('cursor_before', true), text('cursor_after', true), int('duration_ms', { isNullable: true }), str('node_id', 200), time('started_at'), time('completed_at', true),
      ],
      indices: [index('ix_sync_log_flow_started', ['flow_id', 'started_at'])],
    }));
    await q.createTable(new Table({
      name: 'sync_state',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), uuid('flow_id'), uuid('integration_id'), str('entity', 100), text('cursor', true), str('lease_owner', 200, { isNullable: true }), time('lease_until', true), uuid('last_run_id', { isNullable: true }), time('updated_at')],
      indices: [index('uq_sync_state_stream', ['flow_id', 'integration_id', 'entity'], true)],
    }));
    await q.createTable(new Table({
      name: 'sync_failure',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), uuid('flow_id'), uuid('integration_id'), str('stage', 16), str('item_key', 255), str('code', 64), text('message'), int('attempts'), uuid('last_run_id'), time('first_failed_at'), time('last_failed_at')],
      indices: [index('uq_sync_failure_item', ['flow_id', 'integration_id', 'stage', 'item_key'], true)],
    }));
    await q.createTable(new Table({
      name: 'event',
      columns: [
        uuid('id', { isPrimary: true }), uuid('tenant_id'), str('type', 100), str('subject', 255), json('payload'), time('created_at'),
      ],
      indices: [index('ix_event_tenant_created', ['tenant_id', 'created_at']), index('ix_event_type', ['type'])],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['event', 'sync_failure', 'sync_state', 'sync_log', 'external_mapping', 'record', 'flow', 'integration', 'tenant']) {
      await q.dropTable(table);
    }
  }
}
