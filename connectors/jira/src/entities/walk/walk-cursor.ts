import { z } from '@ihub/plugin-kit';

/**
 * Where an incremental read stands. Jira's `updated` has millisecond precision but JQL compares
 * it at minute precision, so the query re-reads the boundary minute; `seen` holds the issues of
 * that minute already listed, with their `updated`, so that they are skipped (not reread forever)
 * while an issue changed again in the same minute is not (its `updated` differs).
 */
export interface Boundary {
  /** The latest `updated` listed, epoch ms. */
  at: number;
  /** Issue id → `updated` (epoch ms), for the issues listed whose `updated` falls in the minute of `at`. */
  seen: Map<string, number>;
}

export interface WalkState {
  /** The boundary of the last complete read: the current read lists what changed since. Null: a full read. */
  from: Boundary | null;
  /** While a read is under way: the page token of its next page, and the boundary its pages have reached. */
  page?: { token: string; reached: Boundary | null };
}

const boundarySchema = z.strictObject({
  at: z.iso.datetime(),
  seen: z.record(z.string(), z.iso.datetime()),
});

/** The cursor fields of a walk, as JSON; the comment cursor adds its own to them. */
export const walkCursorShape = {
  v: z.literal(1),
  from: boundarySchema.nullable(),
  page: z.strictObject({ token: z.string().min(1), reached: boundarySchema.nullable() }).optional(),
};

/** The cursor of the issue entity: a walk and nothing more. */
export const walkCursorSchema = z.strictObject(walkCursorShape);

type BoundaryJson = z.infer<typeof boundarySchema>;

const boundaryToJson = (b: Boundary | null): BoundaryJson | null =>
  b && { at: new Date(b.at).toISOString(), seen: Object.fromEntries([...b.seen].map(([id, ms]) => [id, new Date(ms).toISOString()])) };

const boundaryFromJson = (b: BoundaryJson | null): Boundary | null => b && { at: Date.parse(b.at), seen: new Map(Object.entries(b.seen).map(([id, iso]) => [id, Date.parse(iso)])) };

export function walkToJson(state: WalkState): z.infer<typeof walkCursorSchema> {
  return {
    v: 1,
    from: boundaryToJson(state.from),
    ...(state.page ? { page: { token: state.page.token, reached: boundaryToJson(state.page.reached) } } : {}),
  };
}

export function walkFromJson(json: z.infer<typeof walkCursorSchema>): WalkState {
  return { from: boundaryFromJson(json.from), ...(json.page ? { page: { token: json.page.token, reached: boundaryFromJson(json.page.reached) } } : {}) };
}

/** Parses a cursor string with `schema`; null (a full read) when it cannot, which is always safe. */
export function parseCursor<S extends z.ZodType>(cursor: string | null, schema: S, onUnreadable: () => void): z.output<S> | null {
  if (cursor === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(cursor));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: handled below like any other unreadable cursor.
  }
  onUnreadable();
  return null;
}

const MINUTE = 60_000;

/** The boundary after listing an issue stamped `updated`: the latest instant, and the issues of its minute. */
export function advance(boundary: Boundary | null, id: string, updated: number): Boundary {
  const at = Math.max(boundary?.at ?? updated, updated);
  const minute = Math.floor(at / MINUTE) * MINUTE;
  const seen = new Map([...(boundary?.seen ?? [])].filter(([, ms]) => ms >= minute));
  if (updated >= minute) seen.set(id, updated);
  return { at, seen };
}
