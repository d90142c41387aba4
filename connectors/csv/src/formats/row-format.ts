import type { Readable, Transform } from 'node:stream';

export type Row = Record<string, unknown>;

/** Where reading resumes: a byte offset at a row boundary and the line number found there. */
export interface RowPosition {
  position: number;
  line: number;
}

/** One decoded row and where the row after it starts. */
export interface DecodedRow {
  row: Row;
  /** 1-based line the row starts on, for messages. */
  line: number;
  /** Where the next row starts, relative to the start of the decoded stream. */
  next: RowPosition;
}

/** What a file's first bytes say about the rest of it. */
export interface FileLayout {
  /** Header columns of a csv file; empty for jsonl, which has no header. */
  columns: string[];
  /** Record delimiter appended rows must use so the file stays parseable. */
  newline: '\n' | '\r\n';
  /** Where the first data row starts. */
  start: RowPosition;
}

/** A malformed row or header; the transport adds the file's path. */
export class RowFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'RowFormatError';
  }
}

/**
 * Encodes and decodes one file format. Pure stream transforms: opening, positioning and writing
 * files is the transport's job.
 */
export interface RowFormat {
  readonly name: 'csv' | 'jsonl';
  /** Reads the layout from a stream over the whole file; null when the file holds no header or row. */
  readLayout(input: Readable): Promise<FileLayout | null>;
  /**
   * Decodes rows from a stream that begins at a row boundary. Positions in the yielded rows are
   * relative to the stream's first byte; `firstLine` is the line number of that byte.
   */
  decode(input: Readable, layout: FileLayout, firstLine: number): AsyncGenerator<DecodedRow>;
  /** Object-mode rows in, file text out; writes the header first when asked (csv only has one). */
  encoder(layout: FileLayout, withHeader: boolean): Transform;
  /** Properties of `row` the file cannot hold (csv: those not in the header). */
  unknownColumns(row: Row, layout: FileLayout): string[];
}
