import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

// API lists walk a tenant's rows in id order (`WHERE tenant_id = ? ORDER BY id LIMIT n`); without
// (tenant_id, id) the database reads and sorts every row of the tenant for each page.
const INDEXES: Array<[table: string, name: string]> = [
  ['record', 'ix_record_tenant_id'],
  ['external_mapping', 'ix_mapping_tenant_id'],
  ['event', 'ix_event_tenant_id'],
  ['sync_log', 'ix_sync_log_tenant_id'],
  ['audit_log', 'ix_audit_log_tenant_id'],
];

export class TenantIdIndexes1732420000000 implements MigrationInterface {
  name = 'TenantIdIndexes1732420000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name] of INDEXES) await q.createIndex(table, new TableIndex({ name, columnNames: ['tenant_id', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of INDEXES) await q.dropIndex(table, name);
  }
}
