import { NotFoundError } from '@ihub/plugin-kit';
import type { ServiceNowContext } from '../servicenow.transport';
import type { EntityName } from './entity-catalog';
import { entitySettings } from './entity-settings';
import { wireView } from './record-row';

/**
 * Deletes record `id`, or, for an entity with `softDelete`, sets those fields instead (users are
 * deactivated, not deleted). A record already gone counts as deleted: a delete repeated after a
 * crash, or of a record someone else removed, has the outcome it asked for.
 */
export async function deleteRecord(ctx: ServiceNowContext, entity: EntityName, id: string): Promise<void> {
  const settings = entitySettings(ctx.config, entity);
  if (settings.softDelete) {
    try {
      await ctx.client.update(settings.table, id, settings.softDelete, wireView(settings), ctx.signal);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      ctx.logger.debug(`servicenow: ${settings.table} record ${id} was already gone`);
    }
    return;
  }
  if (!(await ctx.client.delete(settings.table, id, ctx.signal))) ctx.logger.debug(`servicenow: ${settings.table} record ${id} was already gone`);
}
