import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

interface SqliteRunner {
  transactionDepth: number;
  isTransactionActive: boolean;
  startTransaction(level?: string): Promise<void>;
  commitTransaction(): Promise<void>;
  rollbackTransaction(): Promise<void>;
}

/**
 * TypeORM gives a better-sqlite3 store one connection, shared by every async flow of the process,
 * so a transaction started while another is open becomes a savepoint inside it — and a rollback
 * of the outer one undoes the inner one's committed work (an API write during a sync run, say).
 * This makes transactions take turns: one flow at a time holds the connection's transaction;
 * transactions opened inside it (same async flow) nest as before.
 */
export function serializeSqliteTransactions(dataSource: DataSource): void {
  const runner = dataSource.driver.createQueryRunner('master') as unknown as SqliteRunner;
  const flow = new AsyncLocalStorage<symbol>();
  let tail: Promise<void> = Promise.resolve();
  let holder: symbol | null = null;
  let release: (() => void) | null = null;
  let heldByRunner = false;

  const acquire = async (token: symbol): Promise<void> => {
    const previous = tail;
    let done!: () => void;
    tail = new Promise<void>((resolve) => (done = resolve));
    await previous;
    holder = token;
    release = () => {
      holder = null;
      release = null;
      done();
    };
  };
  const inHoldingFlow = () => holder !== null && flow.getStore() === holder;

  // TypeORM's save() joins whatever transaction the runner reports as active. Report the open
  // transaction only to the flow that holds it, so another flow's save() opens its own and waits
  // its turn instead of being rolled back with someone else's work. (A transaction that save()
  // itself opened is reported to all: nothing identifies its flow, and only it can be ending it.)
  let active = runner.isTransactionActive;
  Object.defineProperty(runner, 'isTransactionActive', {
    get: () => active && (holder === null || heldByRunner || inHoldingFlow()),
    set: (value: boolean) => {
      active = value;
    },
  });

  // EntityManager.transaction(cb): the callback runs in the holder's async flow, so anything it
  // awaits — nested transactions included — is recognised as the holder's.
  const manager: EntityManager = dataSource.manager;
  const managerTransaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = async (...args: unknown[]) => {
    if (inHoldingFlow()) return managerTransaction(...args);
    const token = Symbol('transaction');
    await acquire(token);
    try {
      return await flow.run(token, () => managerTransaction(...args));
    } finally {
      release?.();
    }
  };

  // Transactions TypeORM opens by itself (repository.save) start and end on the runner: they hold
  // the turn from start to commit or rollback.
  const start = runner.startTransaction.bind(runner);
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);
  runner.startTransaction = async (level?: string) => {
    if (inHoldingFlow()) return start(level);
    await acquire(Symbol('runner transaction'));
    heldByRunner = true;
    try {
      await start(level);
    } catch (err) {
      heldByRunner = false;
      release?.();
      throw err;
    }
  };
  const ending = (end: () => Promise<void>) => async () => {
    try {
      await end();
    } finally {
      if (heldByRunner && runner.transactionDepth === 0) {
        heldByRunner = false;
        release?.();
      }
    }
  };
  runner.commitTransaction = ending(commit);
  runner.rollbackTransaction = ending(rollback);
}
