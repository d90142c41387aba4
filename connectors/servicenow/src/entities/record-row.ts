import { createHash } from 'node:crypto';
import { RecordInvalidError, type SourceRecord } from '@ihub/plugin-kit';
import type { RecordView } from '../servicenow.transport';
import type { EntitySettings } from './entity-settings';

/** A record's place in the incremental order, read from its system fields. */
export interface RowKey {
  sysId: string;
  /** `sys_updated_on`, `YYYY-MM-DD HH:mm:ss` UTC; '' for records without one (imported with system fields off). */
  updatedOn: string;
  /** `sys_mod_count`: tells a record changed again within the same second from the same record read twice. */
  modCount: string;
}

export type ParsedRow = { ok: true; key: RowKey; record: SourceRecord } | { ok: false; sysId?: string; record: SourceRecord };

/** Prefix of the id given to a record that came without a sys_id; `get` knows such an id names nothing. */
export const MALFORMED_ID_PREFIX = 'malformed:';

const SYSTEM_FIELDS = ['sys_id', 'sys_updated_on', 'sys_mod_count'];
const GLIDE_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * The view an entity's records are asked in. The system fields come with every record, since
 * reading depends on them; `true` is asked as `all`, because with `true` the instance renders
 * sys_updated_on in the user's format and time zone, while `all` keeps the stored value beside it.
 */
export function wireView(settings: EntitySettings): RecordView {
  return {
    fields: settings.fields && [...new Set([...settings.fields, ...SYSTEM_FIELDS])],
    displayValue: settings.displayValue === 'true' ? 'all' : settings.displayValue,
    excludeReferenceLink: settings.excludeReferenceLink,
  };
}

/**
 * A row as the hub gets it. A row that is not a record, has no sys_id, or has a sys_updated_on
 * that is not a date becomes a record with `invalid` set, so one bad row fails alone.
 */
export function parseRow(raw: unknown, settings: EntitySettings): ParsedRow {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return malformed(raw, settings, undefined, 'is not a JSON object');
  const row = raw as Record<string, unknown>;
  const sysId = storedValue(row.sys_id);
  if (!sysId) return malformed(row, settings, undefined, 'has no sys_id');
  const updatedOn = storedValue(row.sys_updated_on) ?? '';
  const updatedAt = updatedOn === '' ? undefined : isoOf(updatedOn);
  if (updatedOn !== '' && updatedAt === undefined) return malformed(row, settings, sysId, `has sys_updated_on '${updatedOn}', not a date-time as YYYY-MM-DD HH:mm:ss`);
  const data = settings.displayValue === 'true' ? displayValues(row) : row;
  return { ok: true, key: { sysId, updatedOn, modCount: storedValue(row.sys_mod_count) ?? '' }, record: { id: sysId, data, updatedAt } };
}

/** A field's stored value: the field itself, or its `value` when the instance sent it as an object (a reference, display values `all`). */
export function storedValue(field: unknown): string | undefined {
  if (typeof field === 'string') return field;
  const value = (field as { value?: unknown } | null)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** ServiceNow's internal date-time (UTC) as ISO 8601; undefined when it is not one. */
function isoOf(glideDateTime: string): string | undefined {
  if (!GLIDE_DATE_TIME.test(glideDateTime)) return undefined;
  const ms = Date.parse(`${glideDateTime.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** What the instance answers with `sysparm_display_value=true`, made from an `all` answer. */
function displayValues(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(row)) {
    const shown = field as { display_value?: unknown; link?: unknown } | null;
    if (typeof shown !== 'object' || shown === null || !('display_value' in shown)) out[name] = field;
    else out[name] = shown.link === undefined ? shown.display_value : { display_value: shown.display_value, link: shown.link };
  }
  return out;
}

function malformed(raw: unknown, settings: EntitySettings, sysId: string | undefined, problem: string): ParsedRow {
  const text = JSON.stringify(raw) ?? String(raw);
  // Without a sys_id there is nothing to name the record by; a digest of it is at least the same each time it is read.
  const id = sysId ?? `${MALFORMED_ID_PREFIX}${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  const invalid = new RecordInvalidError(`servicenow: a ${settings.table} record ${problem}`, { table: settings.table, ...(sysId ? { sysId } : {}), excerpt: text.slice(0, 200) });
  const data = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { value: raw };
  return { ok: false, sysId, record: { id, data, invalid } };
}
