import type { EntityDefinition } from '@ihub/plugin-kit';
import type { SplunkConfig } from '../config';
import type { SplunkClient } from '../transport';
import { listResults } from './list.operation';

/** The results of the configured search (events, or report rows with `_time`), read incrementally by event time. */
export const searchEntity: EntityDefinition<SplunkConfig, SplunkClient> = {
  displayName: 'Search results',
  description: 'Results of the configured SPL or saved search, read through search/jobs/export in _time order, from where the last run stopped. Each event is a record with id <_bkt>/<_cd>.',
  changeTracking: 'cursor',
  list: listResults,
};
