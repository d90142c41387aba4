import { ConfigInvalidError } from '@ihub/plugin-kit';

// The same form the events API and webhook subscriptions take: `sync.failed`, `record.*`.
const EVENT_TYPE = /^[a-z]+(\.([a-z]+|\*))?$/;

/** A flow's `source.filter` for events: event types, comma-separated, each exact or `prefix.*`. */
export interface EventTypesFilter {
  exact: string[];
  /** `record.` for `record.*`. */
  prefixes: string[];
}

/** The filter, or null for none (every event). An unreadable filter is a config mistake of the flow. */
export function parseEventTypes(filter: string | undefined): EventTypesFilter | null {
  if (!filter?.trim()) return null;
  const types = filter.split(',').map((t) => t.trim()).filter(Boolean);
  const bad = types.filter((t) => !EVENT_TYPE.test(t));
  if (bad.length > 0) {
    throw new ConfigInvalidError([{ path: 'source.filter', message: `not an event type or a wildcard like record.*: ${bad.join(', ')}` }], 'ihub event filter');
  }
  return { exact: types.filter((t) => !t.endsWith('.*')), prefixes: types.filter((t) => t.endsWith('.*')).map((t) => t.slice(0, -1)) };
}
