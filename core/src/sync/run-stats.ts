import { HubError } from '@ihub/plugin-kit';
import type { RecordErrorDetail } from '../store/entities';

/** Keep the sync log row bounded; `failed` still counts every failure. */
const MAX_ERROR_DETAILS = 1000;

export interface RunCounts {
  processed: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  failed: number;
}

/** Counts and per-record errors of one run, as they go to the sync log and progress events. */
export class RunStats {
  readonly counts: RunCounts = { processed: 0, created: 0, updated: 0, deleted: 0, unchanged: 0, failed: 0 };
  readonly errors: RecordErrorDetail[] = [];

  fail(detail: Omit<RecordErrorDetail, 'code' | 'message'>, err: unknown): HubError {
    const error = HubError.from(err);
    this.counts.failed += 1;
    if (this.errors.length < MAX_ERROR_DETAILS) this.errors.push({ ...detail, code: error.code, message: error.message });
    return error;
  }

  get succeeded(): number {
    return Math.max(0, this.counts.processed - this.counts.failed);
  }
}
