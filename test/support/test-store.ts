import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { openStore } from '../../core/src/store/data-source';

/** True in the integration tier (MariaDB + NATS), false in the fast tier (SQLite + in-process). */
export const integrationTier = process.env.IHUB_TEST_TIER === 'integration';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test: a temp SQLite file in the fast tier, a fresh MariaDB
 * database (`ihub_t_<random>`) in the integration tier. `drop` removes it.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!integrationTier) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ihub-db-'));
    return { url: `sqlite:${path.join(dir, 'ihub.sqlite')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const server = new URL(process.env.IHUB_TEST_DATABASE ?? 'mysql://root@127.0.0.1:3306/test');
  const name = `ihub_t_${randomBytes(5).toString('hex')}`;
  const admin = () => createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password) });
  const conn = await admin();
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = await admin();
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

/**
 * Mocha hooks giving every test of the suite a migrated store on a database of its own (tier
 * dependent), dropped afterwards. Read `env.store` and `env.db` inside tests.
 */
export function useTestStore(): { store: DataSource; db: TestDatabase } {
  const env = {} as { store: DataSource; db: TestDatabase };
  beforeEach(async () => {
    env.db = await createTestDatabase();
    env.store = await openStore({ url: env.db.url });
  });
  afterEach(async () => {
    if (env.store?.isInitialized) await env.store.destroy();
    await env.db?.drop();
  });
  return env;
}
