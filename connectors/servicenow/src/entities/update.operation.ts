import type { WriteResult } from '@ihub/plugin-kit';
import type { ServiceNowContext } from '../servicenow.transport';
import type { EntityName } from './entity-catalog';
import { entitySettings } from './entity-settings';
import { wireView } from './record-row';
import { writeResult } from './write-result';

/** Changes the given fields of record `id` (PATCH); a record that does not exist fails with NotFoundError. */
export async function updateRecord(ctx: ServiceNowContext, entity: EntityName, id: string, data: Record<string, unknown>): Promise<WriteResult> {
  const settings = entitySettings(ctx.config, entity);
  return writeResult(await ctx.client.update(settings.table, id, data, wireView(settings), ctx.signal), settings, 'PATCH');
}
