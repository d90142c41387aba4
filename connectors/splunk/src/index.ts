import { defineConnector, HubError, type CheckResult, type ConnectorContext } from '@ihub/plugin-kit';
import { baseSearch, configSchema, type SplunkConfig } from './config';
import { eventEntity } from './entities/event-entity';
import { searchEntity } from './entities/search-entity';
import { checkHecHealth, createSplunkClient, exportSearch, sendEvents, type SplunkClient } from './transport';

type Context = ConnectorContext<SplunkConfig, SplunkClient>;

/** Sends records to Splunk through the HTTP Event Collector and reads search results through the REST API. */
export default defineConnector<SplunkConfig, SplunkClient>({
  id: 'splunk',
  version: '0.1.0',
  displayName: 'Splunk',
  description: 'Forwards records to Splunk as HEC events (batched, with indexer acknowledgement) and reads the results of a search incrementally.',
  hub: '^0.1.0',
  config: configSchema,
  auth: ['api-key', 'bearer', 'basic'],
  connect: async (ctx) => createSplunkClient(ctx.config, ctx.integration.id, ctx.logger),
  check,
  entities: { event: eventEntity, search: searchEntity },
});

export { configSchema, type SplunkConfig } from './config';
export { createSplunkClient, type ClientClock, type SplunkClient } from './transport';

/** Can the hub send events with the HEC token, and run the search with the API credentials, as configured? */
async function check(ctx: Context): Promise<CheckResult> {
  const passed: string[] = [];
  if (ctx.config.hec) {
    const problem = await hecProblem(ctx);
    if (problem) return { ok: false, message: problem };
    passed.push('HEC is healthy and accepts the token');
  }
  if (ctx.config.search) {
    const problem = await searchProblem(ctx);
    if (problem) return { ok: false, message: problem };
    passed.push('the search runs');
  }
  return { ok: true, message: passed.join('; ') };
}

async function hecProblem(ctx: Context): Promise<string | undefined> {
  try {
    await checkHecHealth(ctx.client, ctx.signal);
  } catch (err) {
    return `HEC is not healthy: ${messageOf(err)}`;
  }
  try {
    // HEC checks the token before the body: an empty request that gets "No data" (code 5) proves the token and indexes nothing.
    await sendEvents(ctx.client, '', ctx.signal);
  } catch (err) {
    if (err instanceof HubError && err.data.hecCode === 5) return undefined;
    return messageOf(err);
  }
  return undefined;
}

async function searchProblem(ctx: Context): Promise<string | undefined> {
  const search = ctx.config.search!;
  const latestMs = ctx.client.now() - search.lagSeconds * 1000;
  try {
    // One result of the last minute proves the credentials and the SPL without scanning the lookback.
    await exportSearch(ctx.client, { search: `${baseSearch(search)} | head 1`, earliestMs: latestMs - 60_000, latestMs }, ctx.signal);
    return undefined;
  } catch (err) {
    return messageOf(err);
  }
}

function messageOf(err: unknown): string {
  if (err instanceof HubError) return err.message;
  throw err;
}
