import { createHash } from 'node:crypto';
import { RecordInvalidError, type SourceRecord } from '@ihub/plugin-kit';
import type { ExportLine } from './export-lines';

/** A search result as a record, with its event time in ms when it has a readable one. */
export interface ResultRecord {
  record: SourceRecord;
  timeMs?: number;
}

/**
 * The record of a result line. Its id is `<_bkt>/<_cd>` — the bucket and the event's address in
 * it, which name one indexed event and stay the same however often it is searched — or, for a
 * result without them (a report row), `sha256:` of its content, so the same row keeps its id.
 * `_serial`, the row's position in this one answer, is left out of the data.
 */
export function resultRecord(line: Extract<ExportLine, { kind: 'result' | 'malformed' }>): ResultRecord {
  if (line.kind === 'malformed') {
    const id = `line:${digest(line.text)}`;
    const invalid = new RecordInvalidError(`splunk: line ${line.line} of the search export is not a result (${line.reason})`, { line: line.line });
    return { record: { id, data: { line: line.text.slice(0, 2048) }, invalid } };
  }
  const data = { ...line.result };
  delete data._serial;
  const id = typeof data._bkt === 'string' && typeof data._cd === 'string' ? `${data._bkt}/${data._cd}` : `sha256:${digest(canonical(data))}`;
  const timeMs = typeof data._time === 'string' ? Date.parse(data._time) : NaN;
  if (Number.isNaN(timeMs)) {
    const invalid = new RecordInvalidError(`splunk: result ${id} has no readable _time; the search must return events or rows with _time`, { line: line.line });
    return { record: { id, data, invalid } };
  }
  return { record: { id, data, updatedAt: new Date(timeMs).toISOString() }, timeMs };
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** JSON with keys sorted, so equal rows hash equal whatever order Splunk wrote their fields in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
