import { collectDefaultMetrics, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { registerHttpMetrics } from './http-metrics';
import { registerStoreGauges } from './store-gauges';
import { registerSyncMetrics, type SyncRunOutcome } from './sync-metrics';

/**
 * The hub's Prometheus metrics, in a registry of their own (never prom-client's global one, so
 * that several hubs in one process, as in tests, do not share counters).
 *
 * Counters and the histogram count what happened on this node; scrape every node. The store
 * gauges are cluster-wide. Node's process metrics are included with the prefix `ihub_`.
 */
export interface HubMetrics {
  readonly registry: Registry;
  /**
   * Counts one answered HTTP request and its duration in seconds.
   *
   * `route` must be the route template (`/api/v1/flows/{id}`), never the raw URL: every distinct
   * label value is a time series kept in memory here and in Prometheus, so ids or query strings
   * in it would grow both without bound. Use `UNMATCHED_ROUTE` for requests that matched no route.
   */
  observeRequest(method: string, route: string, status: number | string, seconds: number): void;
  /** Counts one finished sync run and the records it processed. */
  recordSyncRun(run: SyncRunOutcome): void;
  /** The exposition for `GET /metrics`: the Prometheus text format and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

/**
 * Creates the metrics of one hub process. Call it once per process: prom-client's default
 * metrics start observers (GC, event loop delay) that cannot be stopped.
 */
export function createMetrics(store: DataSource): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ihub_' });
  const observeRequest = registerHttpMetrics(registry);
  const recordRun = registerSyncMetrics(registry);
  registerStoreGauges(registry, store);
  return {
    registry,
    observeRequest,
    recordSyncRun: recordRun,
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

/** Feeds one sync result into the metrics: `recordSyncRun(metrics, { flow: r.flow, status: r.status, processed: r.counts.processed })`. */
export function recordSyncRun(metrics: HubMetrics, run: SyncRunOutcome): void {
  metrics.recordSyncRun(run);
}
