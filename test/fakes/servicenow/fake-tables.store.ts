import { createHash, randomUUID } from 'node:crypto';
import { glideDateTime, type FakeClock } from './fake-clock';
import { SYSTEM_COLUMNS, type FakeTableSchema } from './table-schemas';

/** A stored record: every value is a string, as ServiceNow sends them (`''` for empty, `'true'` for booleans). */
export type FakeRecord = Record<string, string>;

/** Who and when a change is stamped with; tests set `at` to put records in the same second. */
export interface ChangeStamp {
  /** `sys_updated_on` (and `sys_created_on` for inserts), `YYYY-MM-DD HH:mm:ss` UTC. Default: the fake's clock. */
  at?: string;
  /** `sys_created_by` / `sys_updated_by`. Default `system`. */
  by?: string;
}

/**
 * The fake instance's tables. Tests read and change records here directly; the Table API goes
 * through the same methods, so a record a test inserts is indistinguishable from one the API did.
 */
export class FakeTables {
  private readonly rows = new Map<string, Map<string, FakeRecord>>();
  private readonly schemas = new Map<string, FakeTableSchema>();
  private nextNumber = 10001;

  constructor(schemas: Record<string, FakeTableSchema>, private readonly clock: FakeClock) {
    for (const [table, schema] of Object.entries(schemas)) this.define(table, schema);
  }

  /** Adds (or replaces the schema of) a table; its records are kept. */
  define(table: string, schema: FakeTableSchema): void {
    this.schemas.set(table, schema);
    if (!this.rows.has(table)) this.rows.set(table, new Map());
  }

  has(table: string): boolean {
    return this.schemas.has(table);
  }

  names(): string[] {
    return [...this.schemas.keys()];
  }

  schema(table: string): FakeTableSchema {
    const schema = this.schemas.get(table);
    if (!schema) throw new Error(`the fake has no table ${table}`);
    return schema;
  }

  /** Every column of `table`, system columns first, journal fields last. */
  columns(table: string): string[] {
    const schema = this.schema(table);
    return [...SYSTEM_COLUMNS, ...schema.columns, ...(schema.journal ?? [])];
  }

  isColumn(table: string, column: string): boolean {
    return this.columns(table).includes(column);
  }

  /** Copies of the table's records in insertion order. */
  all(table: string): FakeRecord[] {
    return [...this.table(table).values()].map((r) => ({ ...r }));
  }

  count(table: string): number {
    return this.table(table).size;
  }

  get(table: string, sysId: string): FakeRecord | undefined {
    const record = this.table(table).get(sysId);
    return record && { ...record };
  }

  /**
   * Inserts a record. Values of unknown columns are dropped and system columns are stamped, as
   * the instance does; a given `sys_id` is kept (ServiceNow lets a client choose it).
   */
  insert(table: string, values: Record<string, unknown>, stamp: ChangeStamp = {}): FakeRecord {
    const schema = this.schema(table);
    const at = stamp.at ?? glideDateTime(this.clock.now());
    const by = stamp.by ?? 'system';
    const sysId = typeof values.sys_id === 'string' && values.sys_id !== '' ? values.sys_id : randomUUID().replace(/-/g, '');
    const record: FakeRecord = Object.fromEntries([...schema.columns, ...(schema.journal ?? [])].map((c) => [c, '']));
    Object.assign(record, this.known(table, values));
    if (schema.numberPrefix && !record.number) record.number = `${schema.numberPrefix}${String(this.nextNumber++).padStart(7, '0')}`;
    Object.assign(record, { sys_id: sysId, sys_class_name: table, sys_created_on: at, sys_created_by: by, sys_updated_on: at, sys_updated_by: by, sys_mod_count: '0' });
    this.table(table).set(sysId, record);
    for (const [element, value] of this.journalEntries(table, values)) this.insert('sys_journal_field', { element_id: sysId, name: table, element, value }, { at, by });
    return { ...record };
  }

  /**
   * Changes a record's values. Like the instance, an update that changes nothing is not stamped:
   * `sys_updated_on` and `sys_mod_count` only move when a value does. Undefined when there is no such record.
   */
  update(table: string, sysId: string, values: Record<string, unknown>, stamp: ChangeStamp = {}): FakeRecord | undefined {
    const record = this.table(table).get(sysId);
    if (!record) return undefined;
    const changes = Object.entries(this.known(table, values)).filter(([column, value]) => record[column] !== value);
    // A journal entry is a change of its own, even with the same text as an earlier one.
    const entries = this.journalEntries(table, values);
    if (changes.length > 0 || entries.length > 0) {
      const at = stamp.at ?? glideDateTime(this.clock.now());
      const by = stamp.by ?? 'system';
      Object.assign(record, Object.fromEntries(changes), { sys_updated_on: at, sys_updated_by: by, sys_mod_count: String(Number(record.sys_mod_count) + 1) });
      for (const [element, value] of entries) this.insert('sys_journal_field', { element_id: sysId, name: table, element, value }, { at, by });
    }
    return { ...record };
  }

  /** The entries of `record`'s journal field `element`, oldest first. */
  journal(table: string, sysId: string, element: string): string[] {
    return this.all('sys_journal_field').filter((j) => j.name === table && j.element_id === sysId && j.element === element).map((j) => j.value);
  }

  remove(table: string, sysId: string): boolean {
    return this.table(table).delete(sysId);
  }

  /** Seeds `count` records into `table` from its schema's sample, references pointing at records already seeded. */
  seed(table: string, count: number, start: Date, spacingSeconds: number): void {
    const schema = this.schema(table);
    for (let n = 1; n <= count; n++) {
      const references = Object.fromEntries(
        Object.entries(schema.references ?? {}).map(([column, target]) => {
          const candidates = target === table ? [] : [...this.table(target).keys()];
          return [column, candidates.length > 0 ? candidates[(n - 1) % candidates.length] : ''];
        }),
      );
      // Deterministic ids keep seeded data the same from run to run, as fixtures should be.
      const sysId = createHash('sha1').update(`${table}:${n}`).digest('hex').slice(0, 32);
      const at = glideDateTime(new Date(start.getTime() + (n - 1) * spacingSeconds * 1000));
      this.insert(table, { ...schema.sample?.(n), ...references, sys_id: sysId }, { at });
    }
  }

  private table(table: string): Map<string, FakeRecord> {
    this.schema(table);
    return this.rows.get(table)!;
  }

  /** `[field, text]` of each journal field `values` writes; an empty value adds no entry. */
  private journalEntries(table: string, values: Record<string, unknown>): Array<[string, string]> {
    const journal = this.schema(table).journal ?? [];
    return journal.flatMap((field) => {
      const text = wireString(values[field]);
      return text.trim() === '' ? [] : [[field, text] as [string, string]];
    });
  }

  /** The values of known, writable columns as strings; system columns other than `sys_id` are the instance's to set. */
  private known(table: string, values: Record<string, unknown>): FakeRecord {
    const writable = new Set(this.schema(table).columns);
    return Object.fromEntries(Object.entries(values).filter(([column]) => writable.has(column)).map(([column, value]) => [column, wireString(value)]));
  }
}

/** A value as the instance stores it: strings as they are, other scalars as text, null as empty. */
function wireString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
