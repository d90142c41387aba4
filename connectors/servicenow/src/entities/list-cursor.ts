import { createHash } from 'node:crypto';
import { z, type Logger } from '@ihub/plugin-kit';
import type { EntitySettings } from './entity-settings';
import { START, type Position } from './list-position';

/**
 * The cursor: a position in one stream, `{"v":1,"scope":…,"since":"2024-01-31 23:59:59","after":null,"seen":["<sys_id>:<sys_mod_count>"]}`.
 * `scope` names the stream (table, query, fields, display mode): a cursor of another stream
 * would skip records that stream never read, so it is not used.
 */
const cursorSchema = z.strictObject({
  v: z.literal(1),
  scope: z.string(),
  since: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)]),
  after: z.string().min(1).nullable(),
  seen: z.array(z.string().regex(/^[^:]+:\d*$/)),
});

/** The stream a cursor belongs to, as a short digest. */
export function cursorScope(settings: EntitySettings, query: string): string {
  const stream = [settings.table, query, settings.fields ?? null, settings.displayValue, settings.excludeReferenceLink];
  return createHash('sha256').update(JSON.stringify(stream)).digest('hex').slice(0, 16);
}

export function writeCursor(scope: string, position: Position): string {
  return JSON.stringify({ v: 1, scope, ...position });
}

/**
 * The position a cursor holds. No cursor starts a full read; so does a cursor this connector
 * cannot use — unreadable, of another version, or of another stream — with a warning: reading
 * everything again is always correct, and the hub's upserts make it cheap for unchanged records.
 */
export function readCursor(cursor: string | null, scope: string, logger: Logger, entity: string): Position {
  if (cursor === null) return START;
  let parsed: z.infer<typeof cursorSchema>;
  try {
    parsed = cursorSchema.parse(JSON.parse(cursor));
  } catch {
    logger.warn(`servicenow: ${entity}: the cursor is not one this connector wrote; reading the table from the start`);
    return START;
  }
  if (parsed.scope !== scope) {
    logger.warn(`servicenow: ${entity}: the table, query, filter, fields or display mode changed since the cursor was written; reading the table from the start`);
    return START;
  }
  return { since: parsed.since, after: parsed.after, seen: parsed.seen };
}
