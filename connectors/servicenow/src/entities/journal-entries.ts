import { RecordInvalidError } from '@ihub/plugin-kit';
import type { RecordView, Row, ServiceNowContext } from '../servicenow.transport';
import type { EntitySettings } from './entity-settings';
import { storedValue } from './record-row';

/** The table ServiceNow keeps journal entries in, one row per entry. */
const JOURNAL_TABLE = 'sys_journal_field';
const PAGE = 1000;

export interface JournalEntry {
  field: string;
  text: string;
}

/** A write's data split into the record's own fields and the journal entries it adds. */
export function splitJournal(settings: EntitySettings, data: Record<string, unknown>): { fields: Record<string, unknown>; entries: JournalEntry[] } {
  const fields: Record<string, unknown> = {};
  const entries: JournalEntry[] = [];
  for (const [field, value] of Object.entries(data)) {
    if (!settings.journalFields.includes(field)) fields[field] = value;
    else entries.push(...entriesOf(settings, field, value));
  }
  return { fields, entries };
}

/**
 * Adds the entries the record's journal does not hold yet: the same text in the same field is
 * there already. Writing a record's comments again — a retried write, or every write of a flow
 * that carries all of a ticket's comments — therefore adds each comment once. ServiceNow adds an
 * entry per write of a journal field, so each new entry is one PATCH. Answers the last record
 * the instance returned, or undefined when there was nothing to add.
 */
export async function addJournalEntries(ctx: ServiceNowContext, settings: EntitySettings, sysId: string, entries: JournalEntry[], view: RecordView): Promise<Row | undefined> {
  if (entries.length === 0) return undefined;
  const held = await journalOf(ctx, settings, sysId, [...new Set(entries.map((e) => e.field))]);
  let row: Row | undefined;
  for (const entry of entries) {
    const key = entryKey(entry.field, entry.text);
    if (held.has(key)) continue;
    held.add(key);
    row = await ctx.client.update(settings.table, sysId, { [entry.field]: entry.text }, view, ctx.signal);
  }
  return row;
}

function entriesOf(settings: EntitySettings, field: string, value: unknown): JournalEntry[] {
  const texts = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (texts.some((t) => typeof t !== 'string')) {
    throw new RecordInvalidError(`servicenow: ${settings.table}.${field} is a journal field: give it a text, or a list of texts (one entry each)`, { field });
  }
  return (texts as string[]).filter((t) => t.trim() !== '').map((text) => ({ field, text }));
}

/** `field + text` of every entry of the record's journal fields. */
async function journalOf(ctx: ServiceNowContext, settings: EntitySettings, sysId: string, fields: string[]): Promise<Set<string>> {
  // A sys_id is hex; anything else could change the meaning of the encoded query.
  if (!/^[0-9a-f]{32}$/i.test(sysId)) throw new RecordInvalidError(`servicenow: '${sysId}' is not a sys_id`, { sysId });
  const query = `element_id=${sysId}^name=${settings.table}^elementIN${fields.join(',')}`;
  const held = new Set<string>();
  for (let offset = 0; ; offset += PAGE) {
    const { rows, hasMore } = await ctx.client.list(JOURNAL_TABLE, { query, fields: ['element', 'value'], displayValue: 'false', excludeReferenceLink: true, limit: PAGE, offset }, ctx.signal);
    for (const row of rows as Row[]) held.add(entryKey(storedValue(row.element) ?? '', storedValue(row.value) ?? ''));
    if (!hasMore || rows.length === 0) return held;
  }
}

// The instance keeps an entry's text as written; surrounding whitespace is not what makes two comments differ.
const entryKey = (field: string, text: string): string => `${field}\u0000${text.trim()}`;
