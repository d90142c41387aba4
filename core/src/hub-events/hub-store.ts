import type { DataSource } from 'typeorm';
import { HubError, type ConnectorContext } from '@ihub/plugin-kit';
import type { HubEventsConfig } from './hub-events.config';

export type HubEventsContext = ConnectorContext<HubEventsConfig, DataSource | undefined>;

/**
 * The hub's store, which the runtime hands built-in connectors as their client. Called from
 * anywhere else (a conformance run, a copy of the manifest in a plugin) there is none.
 */
export function hubStore(ctx: HubEventsContext): DataSource {
  if (!ctx.client) throw new HubError('IHUB_HUB_STORE_UNAVAILABLE', 'the ihub connector reads the hub\'s own store and runs only inside the hub', { fault: 'hub' });
  return ctx.client;
}
