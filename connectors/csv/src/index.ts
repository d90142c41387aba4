import { defineConnector, type CheckResult, type ConnectorContext } from '@ihub/plugin-kit';
import { configSchema, filePath, type CsvConfig } from './config';
import { fileEntity } from './entities/file-entity';
import { csvInbound } from './inbound';
import { listRows } from './entities/list.operation';
import { fileExists, folderProblem } from './transport';

/** Reads and writes one CSV or JSON-lines file per integration. */
export default defineConnector<CsvConfig>({
  id: 'csv',
  version: '0.1.0',
  displayName: 'CSV and JSON lines files',
  description: 'Reads and writes one CSV or JSON-lines file in a folder: exports, imports, and a sync target that needs no external system.',
  hub: '^0.1.0',
  config: configSchema,
  auth: ['none'],
  check,
  entities: { file: fileEntity },
  inbound: csvInbound,
});

export { configSchema, type CsvConfig } from './config';

/** Can the hub use the folder, and read the file when it exists? Answers with a message, never throws. */
async function check(ctx: ConnectorContext<CsvConfig>): Promise<CheckResult> {
  const file = filePath(ctx.config);
  const problem = await folderProblem(ctx.config.folder);
  if (problem) return { ok: false, message: problem };
  try {
    if (!(await fileExists(file))) {
      return ctx.config.createIfMissing ? { ok: true, message: `'${file}' does not exist yet; the first write creates it` } : { ok: false, message: `file '${file}' does not exist` };
    }
    // Reading a row proves that the format, delimiter and key column fit the file.
    await listRows(ctx, { cursor: null, pageSize: 1 });
    return { ok: true, message: `'${file}' is readable` };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
