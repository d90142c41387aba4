import { createHash } from 'node:crypto';
import { stableStringify } from '../sync/record-hash';
import type { AuditLog } from '../store/entities';

/** `prev_hash` of the first row, and the hash of an empty chain's head. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers: everything but `prev_hash` (chained separately) and `hash` itself. */
export type AuditHashed = Pick<AuditLog, 'id' | 'tenantId' | 'actor' | 'action' | 'target' | 'outcome' | 'requestId' | 'ip' | 'details' | 'createdAt'> & { seq: string | number | bigint };

/**
 * sha256(prev_hash + stableStringify(fields)). `seq` is hashed as a decimal string because the
 * drivers return bigint columns as numbers (SQLite) or strings (MySQL); `createdAt` as ISO text.
 */
export function auditHash(prevHash: string, row: AuditHashed): string {
  const fields = {
    seq: String(row.seq),
    id: row.id,
    tenantId: row.tenantId ?? null,
    actor: row.actor,
    action: row.action,
    target: row.target ?? null,
    outcome: row.outcome,
    requestId: row.requestId ?? null,
    ip: row.ip ?? null,
    details: row.details ?? {},
    createdAt: row.createdAt.toISOString(),
  };
  return createHash('sha256').update(prevHash + stableStringify(fields)).digest('hex');
}
