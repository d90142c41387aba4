import type { Scope } from '../../store/entities';

const RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };
export const SCOPES = ['read', 'write', 'admin'] as const satisfies readonly Scope[];

/** Scopes nest: `admin` may do what `write` may, `write` what `read` may. */
export function hasScope(granted: readonly Scope[], needed: Scope): boolean {
  return granted.some((s) => RANK[s] >= RANK[needed]);
}
