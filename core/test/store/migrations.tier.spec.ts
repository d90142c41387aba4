import assert from 'node:assert/strict';
import { openStore } from '../../src/store/data-source';
import { migrations } from '../../src/store/migrations';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-store';

describe('store migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => { db = await createTestDatabase(); });
  afterEach(async () => { await db.drop(); });

  it('create a schema that matches the entities exactly', async () => {
    const store = await openStore({ url: db.url });
    try {
      const pending = await store.driver.createSchemaBuilder().log();
      assert.deepEqual(pending.upQueries.map((q) => q.query), []);
    } finally {
      await store.destroy();
    }
  });

  it('are idempotent: opening the store twice runs nothing the second time', async () => {
    const first = await openStore({ url: db.url });
    await first.destroy();
    const second = await openStore({ url: db.url });
    try {
      assert.equal(await second.showMigrations(), false);
      const rows = await second.query('SELECT name FROM migrations');
      assert.equal(rows.length, migrations.length);
    } finally {
      await second.destroy();
    }
  });

  it('rolls back cleanly', async () => {
    const store = await openStore({ url: db.url });
    try {
      await store.undoLastMigration();
      assert.equal(await store.showMigrations(), true);
    } finally {
      await store.destroy();
    }
  });
});
