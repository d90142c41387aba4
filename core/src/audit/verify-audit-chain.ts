import { DataSource } from 'typeorm';
import { AuditHead, AuditLog } from '../store/entities';
import { AUDIT_HEAD_ID } from './append-audit';
import { auditHash, GENESIS_HASH } from './audit-hash';

export interface AuditChainBreak {
  /** Seq of the first row found broken (for a head mismatch, the seq the head records). */
  seq: string;
  /** That row's id, or `audit_head` when the head itself disagrees with the rows. */
  id: string;
  reason: string;
}

export interface AuditChainVerdict {
  ok: boolean;
  /** Rows checked before the first break (all rows when ok). */
  checked: number;
  firstBroken?: AuditChainBreak;
}

/**
 * Walks the audit chain in seq order, `batchSize` rows per query so memory stays flat, and checks
 * that seqs run 1, 2, 3… without gaps, each `prev_hash` is the previous row's hash, each hash
 * matches the row's content, and the head names the last row. Stops at the first break.
 */
export async function verifyAuditChain(store: DataSource, options: { batchSize?: number } = {}): Promise<AuditChainVerdict> {
  const batchSize = options.batchSize ?? 1000;
  // The head first: rows appended while we walk are past it and not checked this time.
  const head = await store.getRepository(AuditHead).findOneBy({ id: AUDIT_HEAD_ID });
  const headSeq = BigInt(head?.seq ?? 0);
  let expected = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  const broken = (seq: bigint | string, id: string, reason: string): AuditChainVerdict => ({ ok: false, checked, firstBroken: { seq: String(seq), id, reason } });

  for (;;) {
    const query = store.getRepository(AuditLog).createQueryBuilder('a')
      // Bigint bounds travel as decimal strings: both dialects compare them numerically with the column.
      .where('a.seq > :after', { after: String(expected - 1n) })
      .orderBy('a.seq', 'ASC')
      .limit(batchSize);
    if (head) query.andWhere('a.seq <= :last', { last: String(headSeq) });
    const rows = await query.getMany();
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq !== expected) return broken(seq, row.id, gapReason(expected, seq));
      if (row.prevHash !== prevHash) return broken(seq, row.id, `prev_hash does not match the hash of seq ${seq - 1n}`);
      if (auditHash(row.prevHash, row) !== row.hash) return broken(seq, row.id, 'hash does not match the row content: the row was altered');
      prevHash = row.hash;
      expected += 1n;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }

  const last = expected - 1n;
  if (!head) return last === 0n ? { ok: true, checked } : broken(last, 'audit_head', 'the audit_head row is missing');
  if (last !== headSeq) return broken(headSeq, 'audit_head', `the head records seq ${headSeq} but the last row is seq ${last}: rows were deleted from the end`);
  if (head.hash !== prevHash) return broken(headSeq, 'audit_head', `the head's hash differs from the hash of seq ${last}`);
  return { ok: true, checked };
}

function gapReason(expected: bigint, found: bigint): string {
  if (found < expected) return `seq ${found} is out of order: expected seq ${expected}`;
  const missing = found - expected === 1n ? `seq ${expected} is` : `seqs ${expected}–${found - 1n} are`;
  return `${missing} missing: rows were deleted before this one`;
}
