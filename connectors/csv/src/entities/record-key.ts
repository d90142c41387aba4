import { ConfigInvalidError } from '@ihub/plugin-kit';
import type { FileLayout, Row } from '../formats';

/** A row's id: its key value as a string, or null when the key is missing, empty or not a scalar. */
export function keyOf(row: Row, key: string): string | null {
  const value = row[key];
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Fails when a csv header lacks the key column. Every row would then lack an id, and a pass
 * without rows would tell the hub that every record was deleted.
 */
export function requireKeyColumn(layout: FileLayout, key: string, file: string): void {
  if (layout.columns.length > 0 && !layout.columns.includes(key)) {
    throw new ConfigInvalidError([{ path: 'key', message: `column '${key}' is not in the header of '${file}' (${layout.columns.join(', ')})` }], 'csv connection config');
  }
}
