import * as path from 'node:path';
import { secret, z } from '@ihub/plugin-kit';

export type FileFormat = 'csv' | 'jsonl';

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = { '.csv': 'csv', '.tsv': 'csv', '.txt': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** Connection config of one integration: one file in one folder. */
export const configSchema = z
  .strictObject({
    folder: z.string().min(1).describe('Folder holding the file; must exist and be readable and writable by the hub.'),
    file: z
      .string()
      .min(1)
      .refine((f) => isInsideFolder(f), 'must be a path relative to the folder that stays inside it')
      .describe('The file, relative to `folder`, e.g. `exports/people.csv`.'),
    format: z.enum(['csv', 'jsonl']).optional().describe('Defaults from the extension: .jsonl/.ndjson are JSON lines, .csv/.tsv/.txt are CSV.'),
    key: z.string().min(1).default('id').describe("Column (csv) or property (jsonl) holding each record's unique id."),
    delimiter: z.string().min(1).optional().describe('CSV field delimiter; defaults to a tab for .tsv and a comma otherwise.'),
    columns: z.array(z.string().min(1)).min(1).optional().describe('CSV column order used when the hub creates the file; an existing header always wins.'),
    createIfMissing: z.boolean().default(true).describe('Create the file on the first write when it does not exist.'),
    webhookSecret: secret(z.string().min(16))
      .optional()
      .describe('Shared secret that signs webhooks to /hooks/{integrationId} (header x-ihub-signature: sha256=<hex HMAC of the body>). Absent: no webhooks.'),
  })
  .superRefine((config, ctx) => {
    const format = inferFormat(config);
    if (!format) ctx.addIssue({ code: 'custom', path: ['format'], message: `cannot tell the format of '${config.file}' from its extension; set format to csv or jsonl` });
    if (format === 'jsonl' && config.delimiter !== undefined) ctx.addIssue({ code: 'custom', path: ['delimiter'], message: 'only applies to csv files' });
    if (config.columns && !config.columns.includes(config.key)) ctx.addIssue({ code: 'custom', path: ['columns'], message: `must include the key column '${config.key}'` });
    if (config.columns && new Set(config.columns).size !== config.columns.length) ctx.addIssue({ code: 'custom', path: ['columns'], message: 'must not repeat a column' });
  });

export type CsvConfig = z.output<typeof configSchema>;

/** The file's format: the configured one, else the one its extension implies (the schema guarantees one exists). */
export function fileFormat(config: CsvConfig): FileFormat {
  return inferFormat(config) ?? 'csv';
}

/** Absolute path of the configured file. */
export function filePath(config: CsvConfig): string {
  return path.resolve(config.folder, config.file);
}

/** The CSV delimiter to use: configured, else tab for .tsv, else comma. */
export function csvDelimiter(config: CsvConfig): string {
  return config.delimiter ?? (path.extname(config.file).toLowerCase() === '.tsv' ? '\t' : ',');
}

function inferFormat(config: { file: string; format?: FileFormat }): FileFormat | undefined {
  return config.format ?? FORMAT_BY_EXTENSION[path.extname(config.file).toLowerCase()];
}

// Entities are files "in a folder": a config must not reach elsewhere on the hub's disk.
function isInsideFolder(file: string): boolean {
  if (path.isAbsolute(file) || path.win32.isAbsolute(file)) return false;
  const normalized = path.normalize(file);
  return normalized !== '..' && !normalized.startsWith(`..${path.sep}`) && normalized !== '.';
}
