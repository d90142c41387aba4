import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions, TableIndex } from 'typeorm';

// API keys, OAuth clients, the audit chain and encrypted integration secrets (the REST API issue).
// Table API for the same reason as the initial schema: one migration for SQLite and MySQL.
const uuid = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: '36', ...extra });
const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra });
const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const json = (name: string): TableColumnOptions => ({ name, type: 'json' });
const index = (name: string, columnNames: string[], isUnique = false): TableIndex => new TableIndex({ name, columnNames, isUnique });

export class ApiAuthAudit1732330000000 implements MigrationInterface {
  name = 'ApiAuthAudit1732330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'api_key',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), str('name', 100), str('prefix', 16), str('hash', 64), json('scopes'), time('expires_at', true), time('revoked_at', true), time('last_used_at', true), str('created_by', 200), time('created_at')],
      indices: [index('uq_api_key_hash', ['hash'], true), index('ix_api_key_tenant', ['tenant_id'])],
    }));
    await q.createTable(new Table({
      name: 'oauth_client',
      columns: [uuid('id', { isPrimary: true }), uuid('tenant_id'), str('name', 100), str('client_id', 64), str('secret_hash', 64), json('scopes'), time('revoked_at', true), time('created_at')],
      indices: [index('uq_oauth_client_client_id', ['client_id'], true)],
    }));
    await q.createTable(new Table({
      name: 'audit_log',
      columns: [
        uuid('id', { isPrimary: true }), { name: 'seq', type: 'bigint' }, uuid('tenant_id', { isNullable: true }), str('actor', 200), str('action', 100), str('target', 255, { isNullable: true }),
        str('outcome', 16), str('request_id', 64, { isNullable: true }), str('ip', 64, { isNullable: true }), json('details'), str('prev_hash', 64), str('hash', 64), time('created_at'),
      ],
      indices: [index('uq_audit_log_seq', ['seq'], true), index('ix_audit_log_tenant_created', ['tenant_id', 'created_at'])],
    }));
    await q.createTable(new Table({ name: 'audit_head', columns: [str('id', 16, { isPrimary: true }), { name: 'seq', type: 'bigint' }, str('hash', 64)] }));
    await q.addColumn('integration', new TableColumn({ name: 'secrets', type: 'text', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('integration', 'secrets');
    for (const table of ['audit_head', 'audit_log', 'oauth_client', 'api_key']) await q.dropTable(table);
  }
}
