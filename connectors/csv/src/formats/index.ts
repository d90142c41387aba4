import { csvDelimiter, fileFormat, type CsvConfig } from '../config';
import { csvFormat } from './csv.format';
import { jsonlFormat } from './jsonl.format';
import type { RowFormat } from './row-format';

export * from './row-format';

/** The format implementation a config asks for. */
export function formatFor(config: CsvConfig): RowFormat {
  return fileFormat(config) === 'jsonl' ? jsonlFormat() : csvFormat(csvDelimiter(config));
}
