import { defineConnector, type CheckResult } from '@ihub/plugin-kit';
import { configSchema, type ServiceNowConfig } from './config';
import { ENTITY_NAMES } from './entities/entity-catalog';
import { entitySettings } from './entities/entity-settings';
import { tableEntities } from './entities/table-entity';
import { inboundHandler } from './inbound/inbound.handler';
import { createServiceNowClient, type ServiceNowClient, type ServiceNowContext } from './servicenow.transport';

/** ServiceNow through its Table API: incidents, changes, problems, users, groups, CIs, or any table. */
export default defineConnector<ServiceNowConfig, ServiceNowClient>({
  id: 'servicenow',
  version: '0.1.0',
  displayName: 'ServiceNow',
  description: 'Reads ServiceNow tables incrementally by sys_updated_on and writes records through the Table API; basic auth or OAuth; change notifications from Business Rules.',
  hub: '^0.1.0',
  config: configSchema,
  auth: ['basic', 'oauth2-password', 'oauth2-refresh-token'],
  connect: async (ctx) => createServiceNowClient(ctx.config, { logger: ctx.logger }),
  check,
  entities: tableEntities,
  inbound: inboundHandler,
});

export { configSchema, type ServiceNowConfig } from './config';
export { createServiceNowClient, type ServiceNowClient } from './servicenow.transport';

/** The tables `check` reads: those of the entities the integration configures, else sys_user, which every instance has. */
function checkedTables(config: ServiceNowConfig): string[] {
  const configured = ENTITY_NAMES.filter((name) => config.entities[name] !== undefined).map((name) => entitySettings(config, name).table);
  return configured.length > 0 ? [...new Set(configured)] : ['sys_user'];
}

/**
 * Test connection: an authenticated read of one record's sys_id from each table. Any answer
 * below 400 proves the credentials, even an empty one (an ACL may hide every row). Never throws.
 */
async function check(ctx: ServiceNowContext): Promise<CheckResult> {
  const tables = checkedTables(ctx.config);
  try {
    for (const table of tables) {
      await ctx.client.list(table, { fields: ['sys_id'], displayValue: 'false', excludeReferenceLink: true, limit: 1 }, ctx.signal);
    }
    return { ok: true, message: `authenticated and read ${tables.join(', ')}` };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
