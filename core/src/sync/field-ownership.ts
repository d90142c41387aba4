/**
 * In a two-way flow each side owns the canonical fields its mapping names: the source the fields
 * of the flow's `mapping`, the target those of its `reverseMapping`. A stream rewrites the fields
 * it owns and keeps the others, so a reverse mapping that carries back only a status does not
 * erase the title the source gave. A field both sides name is shared: the last change wins.
 */

/** The canonical record after a side's mapped data: its owned fields replaced (or removed), the rest kept. */
export function mergeOwned(current: Record<string, unknown>, mapped: Record<string, unknown>, owned: readonly string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const field of owned) delete merged[field];
  return Object.assign(merged, mapped);
}

/** What a side's mapping gives for a canonical record it agrees with: the owned fields that are set. */
export function ownedSlice(data: Record<string, unknown>, owned: readonly string[]): Record<string, unknown> {
  const slice: Record<string, unknown> = {};
  for (const field of owned) if (data[field] !== undefined) slice[field] = data[field];
  return slice;
}
