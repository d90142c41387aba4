import { z, type Logger } from '@ihub/plugin-kit';

/**
 * Where reading events stands: `after`, the id of the last event delivered. While a read pages,
 * the next page starts right after it (`paging`); a new read starts `lookbackSeconds` earlier
 * (see the config), since an event id is taken before its transaction commits.
 */
const cursorSchema = z.strictObject({ v: z.literal(1), after: z.uuid(), paging: z.boolean().optional() });

export type EventCursor = z.output<typeof cursorSchema>;

export function encodeEventCursor(cursor: EventCursor): string {
  return JSON.stringify(cursor);
}

/** The cursor, or null for none or one this source cannot read: reading from the first event is always safe. */
export function decodeEventCursor(cursor: string | null, logger: Logger): EventCursor | null {
  if (cursor === null) return null;
  try {
    return cursorSchema.parse(JSON.parse(cursor));
  } catch {
    logger.warn('ihub: ignoring an unreadable event cursor and reading every event again');
    return null;
  }
}

/**
 * The smallest UUIDv7 of the millisecond `ms`: events are ordered by id, and a v7 id starts with
 * its creation time, so `id > floorId(t)` is every event created at `t` or later.
 */
export function floorId(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** Creation time of a UUIDv7, in epoch ms. */
export function idTime(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
