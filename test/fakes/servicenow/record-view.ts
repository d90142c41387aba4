import type { FakeRecord, FakeTables } from './fake-tables.store';

export type DisplayValue = 'true' | 'false' | 'all';

/** How a record is rendered: the Table API's `sysparm_fields`, `sysparm_display_value`, `sysparm_exclude_reference_link`. */
export interface RecordView {
  /** Columns to return; unknown ones are left out, as the instance does. Default: every column. */
  fields?: string[];
  displayValue: DisplayValue;
  excludeReferenceLink: boolean;
  /** The instance URL reference links point into. */
  baseUrl: string;
}

/** Reads the view parameters of a Table API request. */
export function viewOf(query: URLSearchParams, baseUrl: string): RecordView {
  const fields = query.get('sysparm_fields');
  const display = query.get('sysparm_display_value');
  return {
    fields: fields ? fields.split(',').map((f) => f.trim()).filter(Boolean) : undefined,
    displayValue: display === 'true' || display === 'all' ? display : 'false',
    excludeReferenceLink: query.get('sysparm_exclude_reference_link') === 'true',
    baseUrl,
  };
}

/**
 * A record as the Table API sends it. Per `sysparm_display_value`:
 * - `false`: values as stored; a reference is `{ link, value }` (`value` the sys_id);
 * - `true`: display values (choice labels, the referenced record's name or number); a reference is `{ display_value, link }`;
 * - `all`: every field `{ display_value, value }`, references with `link` too.
 * `sysparm_exclude_reference_link=true` drops the links, so a reference is then a plain value
 * (or `{ display_value, value }` for `all`). An empty reference has no link.
 */
export function renderRecord(tables: FakeTables, table: string, record: FakeRecord, view: RecordView): Record<string, unknown> {
  const schema = tables.schema(table);
  const columns = view.fields ? view.fields.filter((f) => tables.isColumn(table, f)) : tables.columns(table);
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    const value = record[column] ?? '';
    const target = schema.references?.[column];
    const display = target ? referenceDisplay(tables, target, value) : (schema.choices?.[column]?.[value] ?? value);
    const link = target && value !== '' && !view.excludeReferenceLink ? `${view.baseUrl}/api/now/table/${target}/${value}` : undefined;
    out[column] = renderValue(value, display, link, view.displayValue);
  }
  return out;
}

function renderValue(value: string, display: string, link: string | undefined, mode: DisplayValue): unknown {
  if (mode === 'all') return link ? { display_value: display, value, link } : { display_value: display, value };
  if (mode === 'true') return link ? { display_value: display, link } : display;
  return link ? { link, value } : value;
}

function referenceDisplay(tables: FakeTables, target: string, sysId: string): string {
  if (sysId === '' || !tables.has(target)) return '';
  const referenced = tables.get(target, sysId);
  return referenced ? (referenced[tables.schema(target).displayField] ?? '') : '';
}
