import { UpstreamError, type WriteResult } from '@ihub/plugin-kit';
import type { Row } from '../servicenow.transport';
import type { EntitySettings } from './entity-settings';
import { storedValue } from './record-row';

/** The outcome of a create or update: the record's sys_id and data as the instance answered them. */
export function writeResult(row: Row, settings: EntitySettings, method: 'POST' | 'PATCH'): WriteResult {
  const id = storedValue(row.sys_id);
  if (!id) throw new UpstreamError(`servicenow: ${method} /api/now/table/${settings.table} answered a record without a sys_id`, { request: `${method} /api/now/table/${settings.table}` });
  return { id, data: row };
}
