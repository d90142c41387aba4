import type { ConnectorContext, SourceRecord } from '@ihub/plugin-kit';
import { filePath, type CsvConfig } from '../config';
import { formatFor } from '../formats';
import { openExistingFile } from '../transport';
import { keyOf } from './record-key';

/** The first row whose key is `id`, found by streaming the file. */
export async function getRow(ctx: ConnectorContext<CsvConfig>, id: string): Promise<SourceRecord | null> {
  const opened = await openExistingFile(filePath(ctx.config), formatFor(ctx.config));
  try {
    if (!opened.layout) return null;
    for await (const { row } of opened.rows(opened.layout.start)) {
      if (keyOf(row, ctx.config.key) === id) return { id, data: row };
    }
    return null;
  } finally {
    await opened.close();
  }
}
