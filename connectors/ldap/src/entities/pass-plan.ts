import type { LdapConfig } from '../config';
import type { ChangeMark, DirectoryDialect } from '../dialects';
import type { ListState } from './list-cursor';

/** What the next pass over an entity must be. */
export type PassPlan = { kind: 'unchanged' } | { kind: 'delta'; filter: string } | { kind: 'full'; reason: string };

/**
 * Decides between a complete pass (first read, another scope, the periodic complete pass, or a
 * change history that cannot be compared), a pass over what changed since the last mark, and
 * nothing at all.
 */
export function planPass(state: ListState | null, scope: string, current: ChangeMark | null, dialect: DirectoryDialect, config: LdapConfig, now: Date): PassPlan {
  if (!state || state.mark === null || state.count === null || state.fullAt === null) return { kind: 'full', reason: 'first read' };
  if (state.scope !== scope) return { kind: 'full', reason: 'the base DN, filter or dialect changed' };
  const due = Date.parse(state.fullAt) + config.fullScanIntervalMinutes * 60_000;
  if (!(due > now.getTime())) return { kind: 'full', reason: `periodic complete pass (every ${config.fullScanIntervalMinutes} min), which finds deletions` };
  const comparison = dialect.compare(state.mark, current);
  if (comparison.kind === 'full') return comparison;
  return comparison.kind === 'unchanged' ? comparison : { kind: 'delta', filter: comparison.filter };
}
