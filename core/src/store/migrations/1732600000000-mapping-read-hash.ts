import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// Two-way flows: each side of a flow owns some fields of the canonical record, so what an external
// record maps back to (its read hash) is no longer the canonical hash (the example flows issue).
export class MappingReadHash1732600000000 implements MigrationInterface {
  name = 'MappingReadHash1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('external_mapping', new TableColumn({ name: 'read_hash', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('external_mapping', 'read_hash');
  }
}
