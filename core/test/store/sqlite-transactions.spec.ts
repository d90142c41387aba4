import assert from 'node:assert/strict';
import { Tenant } from '../../src/store/entities';
import { useTestStore } from '../../../test/support/test-store';

const tenant = (code: string): Tenant => Object.assign(new Tenant(), { id: `00000000-0000-4000-8000-${code.padStart(12, '0')}`, code, name: code, status: 'active', quotas: null, createdAt: new Date(), updatedAt: new Date() });

// SQLite only: the fast tier's store. MySQL has a connection per transaction and needs none of this.
describe('SQLite transactions of concurrent flows', () => {
  const env = useTestStore();

  it("does not let one flow's rollback undo another flow's save", async () => {
    const store = env.store;
    let insideA!: () => void;
    const aStarted = new Promise<void>((resolve) => (insideA = resolve));
    const a = store.transaction(async (tx) => {
      await tx.getRepository(Tenant).insert(tenant('1'));
      insideA();
      await new Promise((r) => setTimeout(r, 50));
      throw new Error('A fails');
    });
    await aStarted;
    // B saves while A's transaction is open; save opens a transaction of its own.
    const b = store.getRepository(Tenant).save(tenant('2'));
    await assert.rejects(a, /A fails/);
    await b;
    const codes = (await store.getRepository(Tenant).find()).map((t) => t.code).sort();
    assert.deepEqual(codes, ['2'], "A's insert is rolled back, B's save is kept");
  });

  it('runs transactions nested in the same flow as savepoints, and both commit', async () => {
    const store = env.store;
    await store.transaction(async (tx) => {
      await tx.getRepository(Tenant).insert(tenant('3'));
      await store.transaction(async (inner) => {
        await inner.getRepository(Tenant).insert(tenant('4'));
      });
      await store.getRepository(Tenant).save(tenant('5'));
    });
    assert.deepEqual((await store.getRepository(Tenant).find()).map((t) => t.code).sort(), ['3', '4', '5']);
  });

  it('lets many concurrent transactions take turns', async () => {
    const store = env.store;
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.transaction(async (tx) => {
      await tx.getRepository(Tenant).insert(tenant(String(100 + i)));
      await new Promise((r) => setTimeout(r, 1));
    })));
    assert.equal(await store.getRepository(Tenant).count(), 20);
  });
});
