import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per statement: well under SQLite's and MySQL's placeholder limits for our widest table. */
export const BULK_CHUNK = 1000;

function sqlValue(value: unknown, type: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'json') return JSON.stringify(value);
  // Both dialects take UTC `YYYY-MM-DD HH:MM:SS.mmm` for datetime(3); the MySQL pool runs with timezone 'Z'.
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  return value;
}

/**
 * Multi-row INSERT (optionally an upsert on a unique key) written as one SQL statement per chunk.
 * The sync hot path uses it instead of TypeORM's InsertQueryBuilder, whose per-parameter
 * bookkeeping cost more than the database itself on 1,000-row pages.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  upsert?: { conflict: string[]; update: string[] } | { ignoreDuplicates: true },
): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.connection.getMetadata(target);
  const columns = meta.columns.filter((c) => rows[0][c.propertyName as keyof T] !== undefined);
  const quote = (name: string) => em.connection.driver.escape(name);
  const mysql = em.connection.options.type !== 'better-sqlite3';
  const ignore = upsert !== undefined && 'ignoreDuplicates' in upsert;
  const head = `INSERT ${ignore ? (mysql ? 'IGNORE ' : 'OR IGNORE ') : ''}INTO ${quote(meta.tableName)} (${columns.map((c) => quote(c.databaseName)).join(', ')}) VALUES `;
  let tail = '';
  if (upsert && 'conflict' in upsert) {
    tail = mysql
      ? ` ON DUPLICATE KEY UPDATE ${upsert.update.map((c) => `${quote(c)} = VALUES(${quote(c)})`).join(', ')}`
      : ` ON CONFLICT (${upsert.conflict.map(quote).join(', ')}) DO UPDATE SET ${upsert.update.map((c) => `${quote(c)} = excluded.${quote(c)}`).join(', ')}`;
  }
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += BULK_CHUNK) {
    const part = rows.slice(i, i + BULK_CHUNK);
    const params: unknown[] = [];
    for (const row of part) for (const c of columns) params.push(sqlValue(row[c.propertyName as keyof T], c.type));
    await em.query(`${head}${part.map(() => tuple).join(', ')}${tail}`, params);
  }
}
