import type { WriteResult } from '@ihub/plugin-kit';
import type { ServiceNowContext } from '../servicenow.transport';
import type { EntityName } from './entity-catalog';
import { entitySettings } from './entity-settings';
import { addJournalEntries, splitJournal } from './journal-entries';
import { wireView } from './record-row';
import { writeResult } from './write-result';

/**
 * Changes the given fields of record `id` (PATCH) and adds the journal entries it does not hold
 * yet; a record that does not exist fails with NotFoundError.
 */
export async function updateRecord(ctx: ServiceNowContext, entity: EntityName, id: string, data: Record<string, unknown>): Promise<WriteResult> {
  const settings = entitySettings(ctx.config, entity);
  const view = wireView(settings);
  const { fields, entries } = splitJournal(settings, data);
  const patched = Object.keys(fields).length > 0 || entries.length === 0 ? await ctx.client.update(settings.table, id, fields, view, ctx.signal) : undefined;
  const row = (await addJournalEntries(ctx, settings, id, entries, view)) ?? patched;
  // Only journal entries, all there already: the record is as asked.
  return row ? writeResult(row, settings, 'PATCH') : { id };
}
