import type { SourceRecord } from '@ihub/plugin-kit';
import type { EntitySettings } from './entity-settings';
import { PositionTracker, type Position } from './list-position';
import { parseRow } from './record-row';

export interface PageRead {
  records: SourceRecord[];
  position: Position;
  /** True when there is more to read after `position`. */
  hasMore: boolean;
}

/**
 * Turns one answer into a page of at most `pageSize` records and the position after it. Records
 * delivered before (the boundary second asked for again) are dropped; a malformed row becomes a
 * record with `invalid` set, and the rows after it are read as usual.
 *
 * A row without a sys_id cannot be fetched again by id, and is most likely a page broken on the
 * way. So the position stops before it, and the next page asks for it again: if the wire broke it,
 * it comes back whole. When it is the first new record of an answer (it came broken again), the
 * position moves past it with the rows after it, so a broken record cannot hold the read up.
 */
export function readPage(rows: unknown[], start: Position, pageSize: number, settings: EntitySettings, answerHasMore: boolean): PageRead {
  const tracker = new PositionTracker(start);
  const records: SourceRecord[] = [];
  let held: Position | undefined;
  let advanced = false;
  let cut = false;
  for (const raw of rows) {
    const row = parseRow(raw, settings);
    if (row.ok && tracker.delivered(row.key)) {
      tracker.skip(row.key);
      continue;
    }
    if (records.length === pageSize) {
      cut = true;
      break;
    }
    if (!row.ok && row.sysId === undefined && advanced && held === undefined) held = tracker.position();
    records.push(row.record);
    if (row.ok) {
      tracker.deliver(row.key);
      advanced = true;
    }
  }
  const hasMore = cut || held !== undefined || answerHasMore;
  return { records, position: held ?? tracker.position(hasMore && !advanced), hasMore };
}
