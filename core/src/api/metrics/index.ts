export { createMetrics, recordSyncRun, type HubMetrics } from './hub-metrics';
export { HTTP_DURATION_BUCKETS, UNMATCHED_ROUTE } from './http-metrics';
export { type SyncRunOutcome } from './sync-metrics';
