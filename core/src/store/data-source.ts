import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import { HubError } from '@ihub/plugin-kit';
import { entities } from './entities';
import { migrations } from './migrations';
import { withStartupLock } from './startup-lock';
import { serializeSqliteTransactions } from './sqlite-transactions';

export type Dialect = 'sqlite' | 'mysql';

export interface StoreOptions {
  /** `sqlite:<file>`, `sqlite::memory:` or `mysql://user:pass@host:port/db`. */
  url: string;
  /** Create tables from the entities instead of running migrations. Tests only. */
  synchronize?: boolean;
  logging?: boolean;
}

export function dialectOf(url: string): Dialect {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) return 'mysql';
  throw new HubError('IHUB_DATABASE_URL_INVALID', `unsupported database URL '${url.replace(/\/\/[^@]*@/, '//***@')}': use sqlite:<file> or mysql://…`, { fault: 'user' });
}

function optionsFor(options: StoreOptions, mariadb: boolean): DataSourceOptions {
  const common = { entities, migrations, synchronize: options.synchronize ?? false, logging: options.logging ?? false, migrationsRun: false } as const;
  if (dialectOf(options.url) === 'sqlite') {
    const file = options.url.slice('sqlite:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: file,
      // WAL lets the CLI read while a running hub writes; the busy timeout makes concurrent writers wait instead of failing.
      enableWAL: file !== ':memory:',
      timeout: 10_000,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('synchronous = NORMAL');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  const url = mysqlUrl(options.url);
  return {
    ...common,
    type: mariadb ? 'mariadb' : 'mysql',
    host: url.hostname,
    port: Number(url.port || 3306),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.replace(/^\//, ''),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // Dates travel as UTC strings with milliseconds; leases and cursors compare them.
    dateStrings: false,
    extra: { connectionLimit: Number(url.searchParams.get('connectionLimit') ?? 10) },
  };
}

function mysqlUrl(url: string): URL {
  return new URL(url.replace(/^mariadb:/, 'mysql:'));
}

/**
 * TypeORM must be told MariaDB from MySQL (JSON columns and defaults differ), and a `mysql://` URL
 * may point at either, so ask the server.
 */
async function isMariaDb(url: string): Promise<boolean> {
  const u = mysqlUrl(url);
  const conn = await createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as Array<{ version: string }>)[0].version));
  } finally {
    await conn.end();
  }
}

/** Opens the store and brings its schema up to date (migrations, or synchronize in tests). */
export async function openStore(options: StoreOptions): Promise<DataSource> {
  let dataSource: DataSource;
  try {
    const mariadb = dialectOf(options.url) === 'mysql' && (await isMariaDb(options.url));
    dataSource = new DataSource(optionsFor(options, mariadb));
    await dataSource.initialize();
    if (dataSource.options.type === 'better-sqlite3') serializeSqliteTransactions(dataSource);
  } catch (err) {
    throw new HubError('IHUB_DATABASE_UNAVAILABLE', `cannot open database: ${(err as Error).message}`, { retryable: true, fault: 'upstream', cause: err });
  }
  if (!options.synchronize) await withStartupLock(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  return dataSource;
}
