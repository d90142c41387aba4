import type { Readable, Transform } from 'node:stream';
import { CsvError, parse, type Info } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { RowFormatError, type DecodedRow, type FileLayout, type Row, type RowFormat } from './row-format';

interface ParsedRecord<T> {
  record: T;
  info: Info;
  raw?: string;
}

/** CSV with a header row; every value reads back as a string. */
export function csvFormat(delimiter: string): RowFormat {
  return {
    name: 'csv',

    async readLayout(input: Readable): Promise<FileLayout | null> {
      // `to: 1`: only the header matters here; rows are checked when they are read.
      const parser = input.pipe(parse({ delimiter, bom: true, info: true, raw: true, skip_empty_lines: true, to: 1 }));
      try {
        for await (const parsed of parser as AsyncIterable<ParsedRecord<string[]>>) {
          checkHeader(parsed.record, parsed.info.lines);
          // csv-parse keeps the record delimiter's `\r` in `raw`: a CRLF file must get CRLF rows appended.
          const newline = parsed.raw?.endsWith('\r') || parsed.raw?.endsWith('\r\n') ? '\r\n' : '\n';
          return { columns: parsed.record, newline, start: { position: parsed.info.bytes, line: parsed.info.lines + 1 } };
        }
        return null;
      } catch (err) {
        throw asRowFormatError(err, 1);
      } finally {
        parser.destroy();
        input.destroy();
      }
    },

    async *decode(input: Readable, layout: FileLayout, firstLine: number): AsyncGenerator<DecodedRow> {
      // Rows with fewer fields than the header are common in exports that trim trailing empty cells.
      const parser = input.pipe(parse({ delimiter, columns: layout.columns, info: true, skip_empty_lines: true, relax_column_count_less: true }));
      let nextLine = 1;
      let emptyLines = 0;
      try {
        for await (const { record, info } of parser as AsyncIterable<ParsedRecord<Record<string, string>>>) {
          // csv-parse reports the line a record ends on; it starts after the previous one and any blank lines.
          const startLine = nextLine + (info.empty_lines - emptyLines);
          emptyLines = info.empty_lines;
          nextLine = info.lines + 1;
          yield { row: withAllColumns(record, layout.columns), line: firstLine - 1 + startLine, next: { position: info.bytes, line: firstLine - 1 + nextLine } };
        }
      } catch (err) {
        throw asRowFormatError(err, firstLine);
      } finally {
        parser.destroy();
        input.destroy();
      }
    },

    encoder(layout: FileLayout, withHeader: boolean): Transform {
      return stringify({
        columns: layout.columns,
        header: withHeader,
        delimiter,
        record_delimiter: layout.newline,
        cast: {
          boolean: (value) => String(value),
          date: (value) => value.toISOString(),
          object: (value) => JSON.stringify(value),
        },
      });
    },

    unknownColumns(row: Row, layout: FileLayout): string[] {
      return Object.keys(row).filter((column) => !layout.columns.includes(column));
    },
  };
}

function checkHeader(columns: string[], line: number): void {
  const empty = columns.findIndex((c) => c.trim() === '');
  if (empty >= 0) throw new RowFormatError(line, `header column ${empty + 1} has no name`);
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate !== undefined) throw new RowFormatError(line, `header repeats column '${duplicate}'`);
}

function withAllColumns(record: Record<string, string>, columns: string[]): Row {
  const row: Row = {};
  for (const column of columns) row[column] = record[column] ?? '';
  return row;
}

function asRowFormatError(err: unknown, firstLine: number): unknown {
  if (!(err instanceof CsvError)) return err;
  const line = firstLine - 1 + Number((err as CsvError & { lines?: number }).lines ?? 1);
  // csv-parse counts lines from where this read began, which is not the file's line after a resume.
  return new RowFormatError(line, err.message.replace(/ (on|at) line \d+/, ''));
}
