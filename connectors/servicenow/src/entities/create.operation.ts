import { RecordInvalidError, type CreateOptions, type WriteResult } from '@ihub/plugin-kit';
import type { Row, ServiceNowContext } from '../servicenow.transport';
import type { EntityName } from './entity-catalog';
import { entitySettings, type EntitySettings } from './entity-settings';
import { addJournalEntries, splitJournal } from './journal-entries';
import { storedValue, wireView } from './record-row';
import { updateRecord } from './update.operation';
import { writeResult } from './write-result';

/** What `correlation_display` (or the configured display field) says of records the hub creates. */
const CORRELATION_DISPLAY = 'ihub';

/**
 * Creates a record, storing the hub's id in the entity's correlation field. When an earlier
 * attempt may have succeeded before a crash (`mayExist`), the record is first looked up by that
 * field; when found, it is updated with the data instead of created twice. Journal fields in the
 * data become entries of the new record's journal.
 */
export async function createRecord(ctx: ServiceNowContext, entity: EntityName, data: Record<string, unknown>, options: CreateOptions): Promise<WriteResult> {
  const settings = entitySettings(ctx.config, entity);
  if (options.mayExist) {
    const existing = await findByCorrelation(ctx, settings, options.correlationId);
    if (existing) return updateRecord(ctx, entity, existing, data);
  }
  const view = wireView(settings);
  const { fields, entries } = splitJournal(settings, data);
  const created = writeResult(await ctx.client.create(settings.table, { ...fields, ...correlationValues(settings, options.correlationId) }, view, ctx.signal), settings, 'POST');
  const journaled = await addJournalEntries(ctx, settings, created.id, entries, view);
  return journaled ? writeResult(journaled, settings, 'PATCH') : created;
}

function correlationValues(settings: EntitySettings, correlationId: string): Row {
  const values: Row = {};
  if (settings.correlationField) values[settings.correlationField] = correlationId;
  if (settings.correlationDisplayField) values[settings.correlationDisplayField] = CORRELATION_DISPLAY;
  return values;
}

/** The sys_id of the record carrying `correlationId`, or undefined. */
async function findByCorrelation(ctx: ServiceNowContext, settings: EntitySettings, correlationId: string): Promise<string | undefined> {
  const field = settings.correlationField;
  if (!field) {
    ctx.logger.warn(`servicenow: ${settings.entity}: cannot look for a record an interrupted create may have made, as the entity has no correlationField; creating it, which may duplicate it`);
    return undefined;
  }
  // `^` separates conditions: an id holding one would turn the lookup into another query.
  if (correlationId.includes('^')) throw new RecordInvalidError(`servicenow: correlation id '${correlationId}' contains '^'`, { correlationId });
  const query = `${field}=${correlationId}`;
  const { rows } = await ctx.client.list(settings.table, { query, fields: ['sys_id', field], displayValue: 'false', excludeReferenceLink: true, limit: 1 }, ctx.signal);
  const found = rows[0] as Row | undefined;
  // The instance ignores a condition on a field the table does not have, and would answer with
  // any record: only a record that really carries the id is the one looked for.
  return found && storedValue(found[field]) === correlationId ? storedValue(found.sys_id) : undefined;
}
