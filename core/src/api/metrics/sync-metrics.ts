import { Counter, type Registry } from 'prom-client';
import type { SyncStatus } from '../../store/entities';

/** What the metrics need from one finished sync run (a `RunResult`: `flow`, `status`, `counts.processed`). */
export interface SyncRunOutcome {
  flow: string;
  status: SyncStatus;
  processed: number;
}

/** `ihub_sync_runs_total{flow,status}` and `ihub_records_processed_total{flow}`. */
export function registerSyncMetrics(registry: Registry): (run: SyncRunOutcome) => void {
  const runs = new Counter({ name: 'ihub_sync_runs_total', help: 'Sync runs finished on this node, by flow and final status.', labelNames: ['flow', 'status'] as const, registers: [registry] });
  const records = new Counter({ name: 'ihub_records_processed_total', help: 'Records read and processed by sync runs on this node, by flow.', labelNames: ['flow'] as const, registers: [registry] });
  return ({ flow, status, processed }) => {
    runs.inc({ flow, status });
    // Touch the series even for an empty run, so that rate() sees the flow from its first run.
    records.inc({ flow }, Math.max(0, processed));
  };
}
