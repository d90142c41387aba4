import { defineConnector, type CheckResult, type ConnectorContext } from '@ihub/plugin-kit';
import { configSchema, type TemplateConfig } from './config';
import { itemsEntity } from './entities/items';
import { createClient, type TemplateClient } from './transport';

/** Connector for the Template items API. */
export default defineConnector<TemplateConfig, TemplateClient>({
  id: 'template',
  version: '0.1.0',
  displayName: 'Template',
  description: 'Items of a JSON REST API: incremental reads by update time, creates and updates.',
  hub: '^0.1.0',
  config: configSchema,
  auth: ['api-key'],
  connect: async (ctx) => createClient(ctx.config, { logger: ctx.logger }),
  check,
  entities: { items: itemsEntity },
});

export { configSchema, type TemplateConfig } from './config';

/** Test connection: reading one item proves the endpoint and the key. Answers with a message, never throws. */
async function check(ctx: ConnectorContext<TemplateConfig, TemplateClient>): Promise<CheckResult> {
  try {
    await ctx.client.listItems({ limit: 1 }, ctx.signal);
    return { ok: true };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}
