import { z, type Logger } from '@ihub/plugin-kit';

const markSchema = z.union([z.strictObject({ csn: z.array(z.string().min(1)).min(1) }), z.strictObject({ usn: z.string().regex(/^\d+$/), invocationId: z.string().min(1) })]);

/**
 * What the hub stores between runs for one entity: where the directory's changes stood after the
 * last finished pass, when the last complete pass started and how many records it had, and, in
 * the middle of a pass, which pass and how many of its pages were returned.
 */
const stateSchema = z.strictObject({
  v: z.literal(1),
  /** Fingerprint of dialect, base DN and filters; a pass under another scope says nothing about this one. */
  scope: z.string(),
  mark: markSchema.nullable(),
  /** ISO start of the last complete pass. */
  fullAt: z.string().nullable(),
  /** Records of the last complete pass: the yardstick of the delete threshold. */
  count: z.number().int().nonnegative().nullable(),
  pass: z.strictObject({ id: z.string().min(1), page: z.number().int().positive() }).optional(),
});

export type ListState = z.infer<typeof stateSchema>;
export type PassRef = NonNullable<ListState['pass']>;

export function encodeCursor(state: ListState): string {
  return JSON.stringify(state);
}

/** The state a cursor holds; null for none, or for one this connector cannot read (a complete pass is always safe). */
export function decodeCursor(cursor: string | null, logger: Logger): ListState | null {
  if (cursor === null) return null;
  try {
    return stateSchema.parse(JSON.parse(cursor));
  } catch {
    logger.warn('ldap: ignoring an unreadable cursor; the next pass is complete');
    return null;
  }
}

