import { NotFoundError, RecordInvalidError, type HubError, type WriteOperation, type WriteOutcome } from '@ihub/plugin-kit';
import type { CsvConfig } from '../config';
import type { FileLayout, Row, RowFormat } from '../formats';
import { keyOf } from './record-key';

/** One operation of a batch, resolved to the row key it touches; `outcome` is set once it is decided. */
export interface PlannedWrite {
  op: WriteOperation['op'];
  key: string;
  /** create: the whole row; update: the fields to merge (never the key); delete: empty. */
  row: Row;
  mayExist: boolean;
  outcome?: WriteOutcome;
}

/** Resolves each operation's key; operations that cannot be written get a failed outcome at once. */
export function planWrites(operations: WriteOperation[], config: CsvConfig): PlannedWrite[] {
  return operations.map((operation) => {
    if (operation.op === 'delete') return { op: 'delete', key: operation.id, row: {}, mayExist: false };
    if (operation.op === 'update') return planUpdate(operation.id, operation.data, config.key);
    return planCreate(operation.data, operation.options.correlationId, operation.options.mayExist, config.key);
  });
}

function planCreate(data: Row, correlationId: string, mayExist: boolean, key: string): PlannedWrite {
  const given = data[key];
  // Without a key of its own the row carries the hub's correlation id, so a retried create finds it.
  if (given === undefined || given === null || given === '') return { op: 'create', key: correlationId, row: { [key]: correlationId, ...withoutKey(data, key) }, mayExist };
  const id = keyOf(data, key);
  if (id === null) return failed('create', correlationId, new RecordInvalidError(`key '${key}' must be a string or a number`, { key }));
  return { op: 'create', key: id, row: data, mayExist };
}

function planUpdate(id: string, data: Row, key: string): PlannedWrite {
  const given = data[key];
  // A changed key would be a different record to the hub; renaming rows is not an update.
  if (given !== undefined && given !== null && given !== '' && keyOf(data, key) !== id) {
    return failed('update', id, new RecordInvalidError(`update of '${id}' would change key '${key}' to '${String(given)}'`, { key, id }));
  }
  return { op: 'update', key: id, row: withoutKey(data, key), mayExist: false };
}

/** Layout of a file the hub is about to create: csv columns from the config, else the key then every other field in first-seen order. */
export function newLayout(config: CsvConfig, format: RowFormat, planned: PlannedWrite[]): FileLayout {
  const start = { position: 0, line: 1 };
  if (format.name !== 'csv') return { columns: [], newline: '\n', start };
  if (config.columns) return { columns: config.columns, newline: '\n', start };
  const columns = new Set([config.key]);
  for (const write of planned) if (!write.outcome) for (const column of Object.keys(write.row)) columns.add(column);
  return { columns: [...columns], newline: '\n', start };
}

/** Fails the writes whose fields the file has no column for; a csv header is fixed once written. */
export function rejectUnknownColumns(planned: PlannedWrite[], layout: FileLayout, format: RowFormat, file: string): void {
  for (const write of planned) {
    if (write.outcome) continue;
    const unknown = format.unknownColumns(write.row, layout);
    if (unknown.length > 0) {
      const error = new RecordInvalidError(`record '${write.key}' has fields that '${file}' has no column for: ${unknown.join(', ')}`, { key: write.key, columns: unknown });
      write.outcome = { ok: false, error };
    }
  }
}

/**
 * Streams the file's rows with the batch applied: each key's operations run in batch order
 * against the first row with that key (later duplicates stay as they are), and rows for keys the
 * file does not have are added at the end. Sets every write's outcome.
 */
export async function* applyWrites(rows: AsyncIterable<Row>, planned: PlannedWrite[], config: CsvConfig): AsyncGenerator<Row> {
  const byKey = new Map<string, PlannedWrite[]>();
  for (const write of planned) if (!write.outcome) byKey.set(write.key, [...(byKey.get(write.key) ?? []), write]);

  for await (const row of rows) {
    const id = keyOf(row, config.key);
    const writes = id === null ? undefined : byKey.get(id);
    if (id === null || !writes) {
      yield row;
      continue;
    }
    byKey.delete(id);
    const result = writes.reduce<Row | null>((state, write) => apply(state, write, config.file), row);
    if (result) yield result;
  }
  for (const writes of byKey.values()) {
    const result = writes.reduce<Row | null>((state, write) => apply(state, write, config.file), null);
    if (result) yield result;
  }
}

function apply(state: Row | null, write: PlannedWrite, file: string): Row | null {
  if (write.op === 'create') {
    write.outcome = { ok: true, id: write.key };
    return write.row;
  }
  if (!state) {
    write.outcome = { ok: false, error: new NotFoundError(`${file} row`, write.key) };
    return null;
  }
  write.outcome = { ok: true, id: write.key };
  return write.op === 'update' ? { ...state, ...write.row } : null;
}

function failed(op: PlannedWrite['op'], key: string, error: HubError): PlannedWrite {
  return { op, key, row: {}, mayExist: false, outcome: { ok: false, error } };
}

function withoutKey(data: Row, key: string): Row {
  const rest = { ...data };
  delete rest[key];
  return rest;
}
