import type { SourceRecord } from '@ihub/plugin-kit';
import type { ServiceNowContext } from '../servicenow.transport';
import type { EntityName } from './entity-catalog';
import { entitySettings } from './entity-settings';
import { MALFORMED_ID_PREFIX, parseRow, wireView } from './record-row';

/** The record with sys_id `id`, in the entity's view; null when the instance has none (or an ACL hides it). */
export async function getRecord(ctx: ServiceNowContext, entity: EntityName, id: string): Promise<SourceRecord | null> {
  // The id of a record that came without a sys_id names nothing the instance could look up.
  if (id.startsWith(MALFORMED_ID_PREFIX)) return null;
  const settings = entitySettings(ctx.config, entity);
  const row = await ctx.client.get(settings.table, id, wireView(settings), ctx.signal);
  return row === null ? null : parseRow(row, settings).record;
}
