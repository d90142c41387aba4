import { DataSource, EntityManager } from 'typeorm';
import { AuditHead, AuditLog } from '../store/entities';
import { uuidv7 } from '../store/uuid-v7';
import { bulkInsert } from '../store/bulk-write';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { redactAuditDetails } from './redact-details';

/** One audited action, as callers describe it. */
export interface AuditEntry {
  tenantId: string | null;
  /** `key:<id>`, `client:<client id>`, `cli:<node>` or `anonymous`. */
  actor: string;
  action: string;
  target?: string | null;
  outcome: 'success' | 'failure' | 'denied';
  requestId?: string | null;
  ip?: string | null;
  /** Free-form context; credential-like keys are redacted before anything is stored. */
  details?: Record<string, unknown>;
}

export const AUDIT_HEAD_ID = 'main';

// Column widths of audit_log: values are cut to fit before hashing, so the hash covers exactly
// what is stored on both dialects (MySQL would reject or truncate a longer value, SQLite keep it).
const WIDTH = { actor: 200, action: 100, target: 255, requestId: 64, ip: 64 } as const;

/** SQLite appends of this process, chained: see `serialised`. */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Appends one row to the audit chain: in one transaction, lock the head, link the row to it
 * (seq + 1, prev_hash = head hash), insert the row and move the head. Nodes of a cluster thus
 * append one at a time and the chain has neither gaps nor forks.
 */
export async function appendAudit(store: DataSource, entry: AuditEntry): Promise<AuditLog> {
  const fields = {
    tenantId: entry.tenantId,
    actor: fit(entry.actor, WIDTH.actor),
    action: fit(entry.action, WIDTH.action),
    target: fitOrNull(entry.target, WIDTH.target),
    outcome: entry.outcome,
    requestId: fitOrNull(entry.requestId, WIDTH.requestId),
    ip: fitOrNull(entry.ip, WIDTH.ip),
    details: redactAuditDetails(entry.details ?? {}),
  };
  return serialised(store, () =>
    store.transaction(async (em) => {
      const head = await lockHead(em);
      const seq = (BigInt(head.seq) + 1n).toString();
      const row: AuditLog = { ...fields, id: uuidv7(), seq, prevHash: head.hash, hash: '', createdAt: new Date() };
      row.hash = auditHash(row.prevHash, row);
      await bulkInsert(em, AuditLog, [row]);
      await em.update(AuditHead, { id: AUDIT_HEAD_ID }, { seq, hash: row.hash });
      return row;
    }),
  );
}

/**
 * Creates the head if missing and locks it for this transaction. The insert comes first on both
 * dialects: on MySQL `ON DUPLICATE KEY UPDATE` takes the row's exclusive lock at once (a plain
 * INSERT IGNORE would take a shared lock, and two appends upgrading it to FOR UPDATE deadlock);
 * on SQLite a write statement first makes the transaction a writer, so other processes wait on
 * the busy timeout instead of failing to upgrade a read.
 */
async function lockHead(em: EntityManager): Promise<AuditHead> {
  const mysql = em.connection.options.type !== 'better-sqlite3';
  const insert = mysql
    ? 'INSERT INTO audit_head (id, seq, hash) VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE id = id'
    : 'INSERT INTO audit_head (id, seq, hash) VALUES (?, 0, ?) ON CONFLICT (id) DO NOTHING';
  await em.query(insert, [AUDIT_HEAD_ID, GENESIS_HASH]);
  const query = em.getRepository(AuditHead).createQueryBuilder('head').where('head.id = :id', { id: AUDIT_HEAD_ID });
  // SQLite has one writer and TypeORM rejects lock clauses there.
  if (mysql) query.setLock('pessimistic_write');
  return query.getOneOrFail();
}

/**
 * TypeORM gives a better-sqlite3 store one shared query runner, so two transactions of this
 * process would interleave as nested savepoints and read the same head. Chain them instead.
 * MySQL needs no such queue: each transaction has its own connection and the row lock orders them.
 */
function serialised<T>(store: DataSource, fn: () => Promise<T>): Promise<T> {
  if (store.options.type !== 'better-sqlite3') return fn();
  const previous = sqliteQueues.get(store) ?? Promise.resolve();
  const next = previous.then(fn);
  sqliteQueues.set(store, next.catch(() => undefined));
  return next;
}

function fit(value: string, width: number): string {
  // Code points, not UTF-16 units: MySQL counts characters, and a cut surrogate pair is not valid text.
  const chars = Array.from(value);
  return chars.length <= width ? value : chars.slice(0, width).join('');
}

function fitOrNull(value: string | null | undefined, width: number): string | null {
  return value === undefined || value === null ? null : fit(value, width);
}
