import { Transform, type Readable } from 'node:stream';
import { RowFormatError, type DecodedRow, type FileLayout, type Row, type RowFormat } from './row-format';

const NEWLINE = 0x0a;

/** JSON lines: one JSON object per line; blank lines are ignored. */
export function jsonlFormat(): RowFormat {
  return {
    name: 'jsonl',

    async readLayout(input: Readable): Promise<FileLayout | null> {
      // No header: the file is usable as soon as it has a byte, and an empty file is simply empty.
      try {
        for await (const chunk of input as AsyncIterable<Buffer>) {
          if (chunk.length > 0) return { columns: [], newline: '\n', start: { position: 0, line: 1 } };
        }
        return null;
      } finally {
        input.destroy();
      }
    },

    async *decode(input: Readable, _layout: FileLayout, firstLine: number): AsyncGenerator<DecodedRow> {
      let line = firstLine;
      let position = 0;
      try {
        for await (const text of lines(input)) {
          position += text.byteLength;
          const start = line;
          line += 1;
          const row = parseLine(text, start);
          if (row) yield { row, line: start, next: { position, line } };
        }
      } finally {
        input.destroy();
      }
    },

    encoder(): Transform {
      return new Transform({
        writableObjectMode: true,
        transform(row: Row, _encoding, done) {
          done(null, JSON.stringify(row) + '\n');
        },
      });
    },

    unknownColumns(): string[] {
      return [];
    },
  };
}

/** Splits a byte stream into lines, each with its `\n` (the last one may lack it), without decoding the rest. */
async function* lines(input: Readable): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let buffer = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    let newline = buffer.indexOf(NEWLINE);
    while (newline >= 0) {
      yield buffer.subarray(0, newline + 1);
      buffer = buffer.subarray(newline + 1);
      newline = buffer.indexOf(NEWLINE);
    }
    pending = buffer;
  }
  if (pending.length > 0) yield pending;
}

function parseLine(bytes: Buffer, line: number): Row | null {
  const text = bytes.toString('utf8').trim();
  if (text === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RowFormatError(line, `not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new RowFormatError(line, 'expected a JSON object');
  return value as Row;
}
