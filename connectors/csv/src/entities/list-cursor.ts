import { z, type Logger } from '@ihub/plugin-kit';
import type { FileStat } from '../transport';

/**
 * Where a pass over the file stands. A pass is named after the file's mtime and size: while both
 * are unchanged the pass can be resumed (at `position`, a byte offset, so resuming never re-reads
 * earlier rows); once either changes, a new pass starts at the first row.
 */
const passSchema = z.strictObject({
  mtimeMs: z.number(),
  size: z.number().int().nonnegative(),
  snapshot: z.string().min(1),
  /** Rows read so far in this pass, skipped ones included. */
  offset: z.number().int().nonnegative(),
  position: z.number().int().nonnegative(),
  line: z.number().int().positive(),
  /** True once the last row of the file has been listed. */
  done: z.boolean(),
});

export type Pass = z.infer<typeof passSchema>;

/** A pass over the file as `stat` describes it, from the first row. */
export function newPass(stat: FileStat, first: { position: number; line: number }): Pass {
  return { mtimeMs: stat.mtimeMs, size: stat.size, snapshot: `${stat.mtimeMs}-${stat.size}`, offset: 0, ...first, done: false };
}

/** True when `pass` was taken over the file exactly as `stat` describes it. */
export function sameFile(pass: Pass, stat: FileStat): boolean {
  return pass.mtimeMs === stat.mtimeMs && pass.size === stat.size;
}

export function encodeCursor(pass: Pass): string {
  return JSON.stringify(pass);
}

/** The pass a cursor describes; null for no cursor, or for one this connector cannot read (a fresh pass is always safe). */
export function decodeCursor(cursor: string | null, logger: Logger): Pass | null {
  if (cursor === null) return null;
  try {
    return passSchema.parse(JSON.parse(cursor));
  } catch {
    logger.warn('csv: ignoring an unreadable cursor and starting a new pass over the file');
    return null;
  }
}
