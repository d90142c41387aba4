import type { EntityDefinition } from '@ihub/plugin-kit';
import type { ServiceNowConfig } from '../config';
import type { ServiceNowClient } from '../servicenow.transport';
import { createRecord } from './create.operation';
import { deleteRecord } from './delete.operation';
import { ENTITY_CATALOG, ENTITY_NAMES, type EntityName } from './entity-catalog';
import { getRecord } from './get.operation';
import { listRecords } from './list.operation';
import { updateRecord } from './update.operation';

/** An entity of the manifest: the records of one table, read incrementally by sys_updated_on. */
function tableEntity(name: EntityName): EntityDefinition<ServiceNowConfig, ServiceNowClient> {
  const { displayName, description } = ENTITY_CATALOG[name];
  return {
    displayName,
    description,
    changeTracking: 'cursor',
    list: (ctx, request) => listRecords(ctx, name, request),
    get: (ctx, id) => getRecord(ctx, name, id),
    create: (ctx, data, options) => createRecord(ctx, name, data, options),
    update: (ctx, id, data) => updateRecord(ctx, name, id, data),
    delete: (ctx, id) => deleteRecord(ctx, name, id),
  };
}

/** Every entity of the manifest, by name. */
export const tableEntities = Object.fromEntries(ENTITY_NAMES.map((name) => [name, tableEntity(name)])) as Record<EntityName, EntityDefinition<ServiceNowConfig, ServiceNowClient>>;
