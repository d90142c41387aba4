import type { ServiceNowContext } from '../servicenow.transport';
import type { EntityName } from './entity-catalog';
import { entitySettings } from './entity-settings';

/**
 * Deletes record `id`. A record already gone counts as deleted: a delete repeated after a crash,
 * or of a record someone else removed, has the outcome it asked for.
 */
export async function deleteRecord(ctx: ServiceNowContext, entity: EntityName, id: string): Promise<void> {
  const settings = entitySettings(ctx.config, entity);
  if (!(await ctx.client.delete(settings.table, id, ctx.signal))) ctx.logger.debug(`servicenow: ${settings.table} record ${id} was already gone`);
}
