import { RecordInvalidError, type HubError, type WriteOperation } from '@ihub/plugin-kit';
import type { HecConfig } from '../config';

/** One operation as a HEC event, serialized and measured for batching. */
export interface HecEvent {
  /** Position of the operation in the batch the hub handed over. */
  position: number;
  /** The external id the hub maps the record to: its correlation id, or the id it updates or deletes. */
  id: string;
  json: string;
  /** Bytes it adds to a request body, its newline included. */
  bytes: number;
}

/**
 * The HEC event of an operation, or why it cannot be sent. Splunk keeps events forever, so every
 * operation appends one: create and update send the record as it now is, delete sends a tombstone
 * `{ ihub_id, ihub_deleted: true }`. Indexed fields `ihub_id` and `ihub_op` tie the events of one
 * record together in searches (`ihub_id::<id>`).
 */
export function toHecEvent(operation: WriteOperation, position: number, hec: HecConfig): HecEvent | { position: number; error: HubError } {
  const id = operation.op === 'create' ? operation.options.correlationId : operation.id;
  const event = operation.op === 'delete' ? { ihub_id: id, ihub_deleted: true } : operation.data;
  const time = operation.op === 'delete' ? undefined : eventTime(operation.data, hec.timeField);
  if (time === null) return { position, error: new RecordInvalidError(`record '${id}': field '${hec.timeField}' is not a timestamp (ISO 8601, or epoch seconds or milliseconds)`, { id, field: hec.timeField }) };
  const envelope = { time, host: hec.host, source: hec.source, sourcetype: hec.sourcetype, index: hec.index, event, fields: { ihub_id: id, ihub_op: operation.op } };
  let json: string;
  try {
    json = JSON.stringify(envelope);
  } catch (err) {
    return { position, error: new RecordInvalidError(`record '${id}' cannot be sent as JSON: ${(err as Error).message}`, { id }) };
  }
  const bytes = Buffer.byteLength(json) + 1;
  if (bytes > hec.batch.maxBytes) return { position, error: new RecordInvalidError(`record '${id}' is ${bytes} bytes as a HEC event, more than hec.batch.maxBytes (${hec.batch.maxBytes})`, { id, bytes }) };
  return { position, id, json, bytes };
}

// Epoch values above this are milliseconds: as seconds they would lie after the year 5000.
const MILLISECONDS_FROM = 1e11;

/**
 * HEC `time` (epoch seconds, millisecond precision) from the record's time field; undefined when
 * there is no time field or no value, null when the value is not a time.
 */
function eventTime(data: Record<string, unknown>, field: string | undefined): number | undefined | null {
  if (field === undefined) return undefined;
  const value = data[field];
  if (value === undefined || value === null || value === '') return undefined;
  const numeric = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
  const ms = numeric !== undefined ? (numeric >= MILLISECONDS_FROM ? numeric : numeric * 1000) : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? Math.round(ms) / 1000 : null;
}
