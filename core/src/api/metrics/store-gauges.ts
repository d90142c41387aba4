import { Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { OutboxEvent, SyncFailure, SyncLog } from '../../store/entities';

/**
 * Gauges read from the database at scrape time, so that every node reports the cluster-wide
 * value and nothing has to keep them up to date. Each costs one COUNT per scrape. When the
 * database cannot answer, the gauge reads NaN ("unknown") rather than a reassuring 0, and the
 * rest of the scrape (process and HTTP metrics) still succeeds.
 */
export function registerStoreGauges(registry: Registry, store: DataSource): void {
  const gauge = (name: string, help: string, count: () => Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(await count().catch(() => Number.NaN));
      },
    });
  gauge('ihub_sync_failures_open', 'Records that failed in a sync run and have not succeeded since (rows in sync_failure).', () => store.getRepository(SyncFailure).count());
  gauge('ihub_outbox_events', 'Events in the outbox (rows in event).', () => store.getRepository(OutboxEvent).count());
  gauge('ihub_sync_runs_running', 'Sync runs in progress across the cluster (sync_log rows with status running).', () => store.getRepository(SyncLog).countBy({ status: 'running' }));
}
