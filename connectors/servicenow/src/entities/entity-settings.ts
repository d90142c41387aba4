import { ConfigInvalidError } from '@ihub/plugin-kit';
import type { ServiceNowConfig } from '../config';
import { ENTITY_CATALOG, ENTITY_NAMES, type EntityName } from './entity-catalog';

/** Everything an operation needs to know about its entity: the catalog's defaults under the integration's settings. */
export interface EntitySettings {
  entity: EntityName;
  table: string;
  fields?: string[];
  displayValue: 'false' | 'true' | 'all';
  excludeReferenceLink: boolean;
  query?: string;
  correlationField: string | null;
  correlationDisplayField: string | null;
  /** Fields a write adds journal entries to (comments, work notes). */
  journalFields: string[];
  /** What a delete sets instead of deleting; undefined: delete. */
  softDelete?: Record<string, string | number | boolean>;
}

export function entitySettings(config: ServiceNowConfig, entity: EntityName): EntitySettings {
  const catalog = ENTITY_CATALOG[entity];
  const options = config.entities[entity];
  const table = options?.table ?? ('table' in catalog ? catalog.table : undefined);
  if (table === undefined) {
    throw new ConfigInvalidError(
      [{ path: `entities.${entity}.table`, message: `the ${entity} entity needs a table: set settings.entities.${entity}.table, e.g. u_asset_request` }],
      'servicenow connection config',
    );
  }
  return {
    entity,
    table,
    fields: options?.fields,
    displayValue: options?.displayValue ?? 'false',
    excludeReferenceLink: options?.excludeReferenceLink ?? true,
    query: options?.query,
    correlationField: options?.correlationField === undefined ? catalog.correlationField : options.correlationField,
    correlationDisplayField: options?.correlationDisplayField === undefined ? catalog.correlationDisplayField : options.correlationDisplayField,
    journalFields: catalog.journalFields,
    softDelete: options?.softDelete,
  };
}

/** The entities that read and write `table` under this config, the named one first. */
export function entitiesOfTable(config: ServiceNowConfig, table: string): EntityName[] {
  const configured = (name: EntityName): boolean => name !== 'table' || config.entities.table !== undefined;
  return ENTITY_NAMES.filter((name) => configured(name) && entitySettings(config, name).table === table);
}
