import type { ConnectorContext, ListPage, ListRequest, SourceRecord } from '@ihub/plugin-kit';
import { filePath, type CsvConfig } from '../config';
import { formatFor } from '../formats';
import { openExistingFile } from '../transport';
import { decodeCursor, encodeCursor, newPass, sameFile } from './list-cursor';
import { keyOf, requireKeyColumn } from './record-key';

/**
 * Lists the file as snapshot passes: every pass yields every row, and the hub deletes the records
 * a completed pass no longer contains. An unchanged file yields nothing and no snapshot.
 */
export async function listRows(ctx: ConnectorContext<CsvConfig>, request: ListRequest): Promise<ListPage> {
  const file = filePath(ctx.config);
  const opened = await openExistingFile(file, formatFor(ctx.config));
  try {
    const previous = decodeCursor(request.cursor, ctx.logger);
    if (previous && sameFile(previous, opened.stat) && previous.done) return { records: [], hasMore: false, cursor: request.cursor };
    if (previous && !previous.done && !sameFile(previous, opened.stat)) ctx.logger.info(`csv: '${file}' changed during a pass; starting a new pass`);

    const layout = opened.layout;
    if (layout) requireKeyColumn(layout, ctx.config.key, file);
    const pass = previous && sameFile(previous, opened.stat) ? previous : newPass(opened.stat, layout?.start ?? { position: 0, line: 1 });

    const pageSize = Math.max(1, request.pageSize);
    const records: SourceRecord[] = [];
    let { offset, position, line } = pass;
    let hasMore = false;
    for await (const decoded of opened.rows({ position, line })) {
      const id = keyOf(decoded.row, ctx.config.key);
      // A full page stops at the next row with an id, so `hasMore` is never a guess and the next page starts at that row.
      if (id !== null && records.length === pageSize) {
        hasMore = true;
        break;
      }
      if (id === null) ctx.logger.warn(`csv: skipping the row at ${file}:${decoded.line}: no value in key column '${ctx.config.key}'`);
      else records.push({ id, data: decoded.row });
      offset += 1;
      ({ position, line } = decoded.next);
    }
    const next = { ...pass, offset, position, line, done: !hasMore };
    return { records, hasMore, cursor: encodeCursor(next), snapshot: pass.snapshot };
  } finally {
    await opened.close();
  }
}
