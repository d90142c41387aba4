import { z, type Logger } from '@ihub/plugin-kit';

/**
 * Where reading a search stands. A pass reads the window `[from, until)` of event time; `until`
 * is fixed when the pass starts (now − lagSeconds) and kept while it pages. Pages walk the window
 * in `_time` order: the next page starts at the time of the last record returned, inclusive, and
 * `seen` holds the ids already returned at that instant, since many events can share it. A pass
 * that reached the end leaves `{ from: until }`, where the next pass starts.
 */
const cursorSchema = z.strictObject({
  from: z.iso.datetime(),
  until: z.iso.datetime().optional(),
  seen: z.array(z.string().min(1)),
});

export interface ListCursor {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive; set while a pass pages. */
  until?: number;
  seen: string[];
}

export function encodeCursor(cursor: ListCursor): string {
  const until = cursor.until === undefined ? {} : { until: new Date(cursor.until).toISOString() };
  return JSON.stringify({ from: new Date(cursor.from).toISOString(), ...until, seen: cursor.seen });
}

/** The cursor, or null for none or one this connector cannot read: a full read from the lookback is then always safe. */
export function decodeCursor(cursor: string | null, logger: Logger): ListCursor | null {
  if (cursor === null) return null;
  try {
    const parsed = cursorSchema.parse(JSON.parse(cursor));
    return { from: Date.parse(parsed.from), until: parsed.until === undefined ? undefined : Date.parse(parsed.until), seen: parsed.seen };
  } catch {
    logger.warn('splunk: ignoring an unreadable cursor and reading the search again from search.lookbackSeconds ago');
    return null;
  }
}
