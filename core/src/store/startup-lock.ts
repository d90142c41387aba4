import fs from 'node:fs';
import { DataSource } from 'typeorm';
import { HubError } from '@ihub/plugin-kit';
import { processIsGone } from './local-process';

const LOCK_NAME = 'ihub_startup';
const WAIT_MS = 120_000;

/**
 * Serialises start-up work (migrations, applying config) across the processes of a cluster that
 * start at the same time: a named lock on MySQL (GET_LOCK, held by one dedicated connection), an
 * exclusive lock file next to a SQLite database.
 */
export async function withStartupLock<T>(store: DataSource, fn: () => Promise<T>): Promise<T> {
  if (store.options.type === 'better-sqlite3') return withLockFile(`${store.options.database}.startup.lock`, fn);
  const runner = store.createQueryRunner();
  await runner.connect();
  try {
    const [row] = await runner.query(`SELECT GET_LOCK(?, ?) AS acquired`, [LOCK_NAME, Math.floor(WAIT_MS / 1000)]);
    if (Number(row.acquired) !== 1) throw new HubError('IHUB_STARTUP_LOCK_TIMEOUT', `another hub process held the start-up lock for over ${WAIT_MS / 1000} s`, { retryable: true });
    try {
      return await fn();
    } finally {
      await runner.query(`SELECT RELEASE_LOCK(?)`, [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}

async function withLockFile<T>(file: string, fn: () => Promise<T>): Promise<T> {
  if (file.startsWith(':memory:')) return fn();
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (holderIsGone(file)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new HubError('IHUB_STARTUP_LOCK_TIMEOUT', `${file} held for over ${WAIT_MS / 1000} s`, { retryable: true });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** A lock file left by a process that died (its pid no longer exists) does not block start-up. */
function holderIsGone(file: string): boolean {
  return processIsGone(Number(fs.readFileSync(file, 'utf8')));
}
