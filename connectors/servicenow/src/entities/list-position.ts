import type { RowKey } from './record-row';

/**
 * Where an incremental read stands in the order it reads a table in: by `sys_updated_on`, then by
 * `sys_id` among records of the same second.
 *
 * `sys_updated_on` only counts seconds, and many records can share one (a bulk update, an
 * import). So the next read asks for `sys_updated_on >= since` — the boundary second again, since
 * a record can still be inserted or changed within it after this read — and drops the records it
 * already delivered from that second, known by sys_id and sys_mod_count. A record changed again
 * within the second has a new sys_mod_count and is delivered again; one inserted into it is new.
 * Nothing of the boundary second is lost, and nothing is read again forever.
 *
 * To keep the cursor and the requests small when a second holds thousands of records, at most
 * `SEEN_LIMIT` of them are remembered by id; past that, `after` marks how far through the second
 * the read got (every record of the second with a smaller or equal sys_id was delivered) and the
 * query asks for the rest of the second only.
 */
export interface Position {
  /** `sys_updated_on` of the last record delivered; '' at the start (records without one sort first). */
  since: string;
  /** Set once the second has been compacted: every record at `since` with sys_id <= after was delivered. */
  after: string | null;
  /** `sys_id:sys_mod_count` of records at `since` (past `after`) already delivered. */
  seen: string[];
}

export const START: Position = { since: '', after: null, seen: [] };

/** Records of one second remembered by id before the cursor switches to `after`. */
export const SEEN_LIMIT = 200;

const seenKey = (key: RowKey): string => `${key.sysId}:${key.modCount}`;
const idOf = (seen: string): string => seen.slice(0, seen.lastIndexOf(':'));

/** The conditions that select what comes after the position, or undefined at the start. */
export function positionCondition(position: Position): string | undefined {
  const { since, after } = position;
  const parts: string[] = [];
  if (since !== '') parts.push(`sys_updated_on>=${since}`);
  // `^OR` binds to the condition before it: (later second) OR (same second, further on).
  if (after !== null) parts.push(since === '' ? `sys_updated_onISNOTEMPTY^ORsys_id>${after}` : `sys_updated_on>${since}^ORsys_id>${after}`);
  return parts.length > 0 ? parts.join('^') : undefined;
}

/** The order reads rely on; sys_id breaks ties within a second. */
export const READ_ORDER = 'ORDERBYsys_updated_on^ORDERBYsys_id';

/** Follows the position through the rows of one answer, in the answer's order. */
export class PositionTracker {
  private since: string;
  private after: string | null;
  private seen: Set<string>;
  /** Greatest sys_id of the current second this answer went through, delivered or dropped. */
  private frontier: string | null = null;

  constructor(start: Position) {
    this.since = start.since;
    this.after = start.after;
    this.seen = new Set(start.seen);
  }

  /** True when the record is one the read delivered already. */
  delivered(key: RowKey): boolean {
    if (key.updatedOn !== this.since) return false;
    return (this.after !== null && key.sysId <= this.after) || this.seen.has(seenKey(key));
  }

  /** Goes through a record delivered already, without delivering it again. */
  skip(key: RowKey): void {
    this.frontier = key.sysId;
  }

  /** Moves past a record being delivered. */
  deliver(key: RowKey): void {
    // A record earlier than the position would move it back; the instance's order rules it out.
    if (key.updatedOn < this.since) return;
    if (key.updatedOn !== this.since) {
      this.since = key.updatedOn;
      this.after = null;
      this.seen = new Set();
    }
    this.seen.add(seenKey(key));
    this.frontier = key.sysId;
  }

  /**
   * The position reached. It is compacted to `after` when the second's records outgrow
   * `SEEN_LIMIT`, or on `stalled` (an answer of records all delivered before, as when the
   * instance's page limit is smaller than the second): this answer held the second from its start
   * (or from `after`) in sys_id order up to `frontier`, so every record of the second up to there
   * was delivered, now or before.
   */
  position(stalled = false): Position {
    let seen = [...this.seen];
    let after = this.after;
    if ((stalled || seen.length > SEEN_LIMIT) && this.frontier !== null) {
      after = this.frontier;
      seen = seen.filter((s) => idOf(s) > this.frontier!);
    }
    return { since: this.since, after, seen };
  }
}
