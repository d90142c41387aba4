import type { DataSource } from 'typeorm';
import { RateLimiterMySQL, RateLimiterSQLite, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { HubError } from '@ihub/plugin-kit';

/**
 * The table rate-limiter-flexible keeps its counters in, one row per bucket (`key:<id>`,
 * `tenant:<id>`): `key`, `points`, `expire` (epoch ms). The library creates it with
 * `CREATE TABLE IF NOT EXISTS` when a limiter is opened, so it is not part of the migrations, and
 * TypeORM leaves tables it does not know alone.
 */
export const RATE_LIMIT_TABLE = 'ihub_rate_limit';

export interface StoreBucket {
  /** Prefix of the row keys; two buckets share the table and differ by prefix. */
  keyPrefix: string;
  points: number;
  windowSeconds: number;
}

/** A store limiter plus the sweep that the library has but does not declare in its types. */
export type StoreLimiter = RateLimiterStoreAbstract & { clearExpired(expiredBeforeMs: number): Promise<void> };

/**
 * Opens one bucket on the hub's own database, so that every node of a cluster draws from the
 * same counters: RateLimiterMySQL on TypeORM's mysql2 pool, RateLimiterSQLite on TypeORM's
 * better-sqlite3 connection. Resolves once the table exists.
 */
export async function openStoreLimiter(store: DataSource, bucket: StoreBucket): Promise<StoreLimiter> {
  if (!store.isInitialized) throw new HubError('IHUB_DATABASE_UNAVAILABLE', 'cannot open the rate limiter: the store is not open', { retryable: true, fault: 'hub' });
  const common = {
    keyPrefix: bucket.keyPrefix,
    points: bucket.points,
    duration: bucket.windowSeconds,
    tableName: RATE_LIMIT_TABLE,
    // The library's own sweep timer cannot be stopped and rejects unhandled once the store is
    // closed; RateLimits runs the sweep itself.
    clearExpiredByTimeout: false,
    // Once a bucket is over its budget, this node refuses it from memory until the window ends,
    // so a client hammering a refused key costs no database round trips.
    inMemoryBlockOnConsumed: bucket.points + 1,
  };
  let ready!: (err?: Error) => void;
  const created = new Promise<void>((resolve, reject) => { ready = (err) => (err ? reject(err) : resolve()); });
  // TypeORM exposes its native clients only as untyped driver fields.
  const driver = store.driver as unknown as { databaseConnection?: unknown; pool?: unknown; database?: string };
  let limiter: RateLimiterStoreAbstract;
  switch (store.options.type) {
    case 'better-sqlite3':
      limiter = new RateLimiterSQLite({ ...common, storeClient: withStatementCache(driver.databaseConnection as SqliteDatabase), storeType: 'better-sqlite3' }, ready);
      break;
    case 'mysql':
    case 'mariadb':
      // The library issues `CREATE DATABASE IF NOT EXISTS <dbName>` before the table, so name the
      // store's database: it exists, and the hub's user has rights on it.
      limiter = new RateLimiterMySQL({ ...common, storeClient: driver.pool, storeType: 'pool', dbName: driver.database }, ready);
      break;
    default:
      throw new HubError('IHUB_RATE_LIMIT_UNSUPPORTED_STORE', `rate limits need SQLite or MySQL/MariaDB, not ${store.options.type}`, { fault: 'hub' });
  }
  try {
    await created;
  } catch (err) {
    throw new HubError('IHUB_DATABASE_UNAVAILABLE', `cannot create the rate limit table ${RATE_LIMIT_TABLE}: ${(err as Error).message}`, { retryable: true, fault: 'upstream', cause: err });
  }
  return limiter as StoreLimiter;
}

interface SqliteDatabase {
  prepare(sql: string): unknown;
}

/**
 * The library prepares its upsert anew on every request; with better-sqlite3 that was a quarter
 * of a request's CPU. Statements are reusable, so hand it a view of the database that prepares
 * each SQL text once.
 */
function withStatementCache(db: SqliteDatabase): SqliteDatabase {
  const statements = new Map<string, unknown>();
  return new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          let statement = statements.get(sql);
          if (!statement) statements.set(sql, (statement = target.prepare(sql)));
          return statement;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
