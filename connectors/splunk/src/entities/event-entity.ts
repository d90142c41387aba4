import type { EntityDefinition } from '@ihub/plugin-kit';
import type { SplunkConfig } from '../config';
import type { SplunkClient } from '../transport';
import { writeEvents } from './write.operation';

/**
 * Records sent to Splunk as HEC events. Write-only and append-only: an update sends the record's
 * new version as a new event, a delete sends a tombstone event; the external id is the hub's
 * correlation id, the same for every event of one record.
 */
export const eventEntity: EntityDefinition<SplunkConfig, SplunkClient> = {
  displayName: 'Events (HTTP Event Collector)',
  description: 'Sends records to Splunk through the HTTP Event Collector, batched, with optional indexer acknowledgement. Append-only: updates and deletes add events.',
  changeTracking: 'cursor',
  write: writeEvents,
};
