import type { ConnectorContext, WriteOperation, WriteOutcome } from '@ihub/plugin-kit';
import { filePath, type CsvConfig } from '../config';
import { formatFor, type DecodedRow, type Row } from '../formats';
import { appendRows, openExistingFile, openFile, rewriteFile } from '../transport';
import { requireKeyColumn } from './record-key';
import { applyWrites, newLayout, planWrites, rejectUnknownColumns } from './write-batch';

/**
 * Applies a batch in one file operation: a batch of plain creates is appended; anything else
 * (updates, deletes, creates that may already exist) streams the file into an atomic rewrite.
 * A write that cannot be applied fails alone; an I/O failure fails the batch.
 */
export async function writeRows(ctx: ConnectorContext<CsvConfig>, operations: WriteOperation[]): Promise<WriteOutcome[]> {
  const { config } = ctx;
  const file = filePath(config);
  const format = formatFor(config);
  const planned = planWrites(operations, config);
  const opened = config.createIfMissing ? await openFile(file, format) : await openExistingFile(file, format);
  try {
    const layout = opened?.layout ?? newLayout(config, format, planned);
    requireKeyColumn(layout, config.key, file);
    rejectUnknownColumns(planned, layout, format, config.file);
    const pending = planned.filter((write) => !write.outcome);

    // An empty batch leaves the file alone: its mtime names the next snapshot.
    if (pending.length > 0 && pending.every((write) => write.op === 'create' && !write.mayExist)) {
      await appendRows(file, format, layout, !opened?.layout, pending.map((write) => write.row));
      for (const write of pending) write.outcome = { ok: true, id: write.key };
    } else if (pending.length > 0) {
      const existing = opened?.layout ? rowsOf(opened.rows(opened.layout.start)) : noRows();
      await rewriteFile(file, format, layout, applyWrites(existing, pending, config));
    }
  } finally {
    await opened?.close();
  }
  return planned.map((write) => write.outcome!);
}

async function* rowsOf(decoded: AsyncIterable<DecodedRow>): AsyncGenerator<Row> {
  for await (const { row } of decoded) yield row;
}

async function* noRows(): AsyncGenerator<Row> {}
