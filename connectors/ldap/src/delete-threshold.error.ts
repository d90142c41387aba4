import { HubError } from '@ihub/plugin-kit';

export interface DeleteThresholdData {
  entity: string;
  /** Records of the last complete pass. */
  previous: number;
  /** How many of them this run would delete. */
  deleting: number;
  /** The configured `maxDeleteShare`. */
  threshold: number;
}

/**
 * A run would delete more than `maxDeleteShare` of an entity's records: an emptied or truncated
 * view of the directory (wrong base DN, lost read rights, a DC still replicating) looks exactly
 * like a mass deletion. The run fails instead; raise the threshold (or run a full sync, which
 * has no previous pass to compare with) when the deletions are real.
 */
export class DeleteThresholdError extends HubError {
  constructor(data: DeleteThresholdData) {
    const share = Math.round((data.deleting / data.previous) * 100);
    super(
      'IHUB_LDAP_DELETE_THRESHOLD',
      `refusing to delete ${data.deleting} of ${data.previous} ${data.entity} records (${share}%, more than maxDeleteShare ${Math.round(data.threshold * 100)}%): check the directory and the connection's base DN and filters, or raise maxDeleteShare`,
      { fault: 'user', retryable: false, data: { ...data } },
    );
  }
}

/** Throws when deleting `deleting` of `previous` records exceeds the share `threshold`. */
export function assertDeleteShare(entity: string, previous: number | null, deleting: number, threshold: number): void {
  if (previous === null || previous === 0 || deleting <= 0) return;
  if (deleting / previous > threshold) throw new DeleteThresholdError({ entity, previous, deleting, threshold });
}
