import { z } from 'zod';
import { ObjectLiteral, Repository, FindOptionsWhere, MoreThan } from 'typeorm';
import { HubError, NotFoundError } from '@ihub/plugin-kit';
import { validationError } from '../api-errors';

export const idParams = z.strictObject({ id: z.uuid().describe('Resource id.') });

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Items per page (1–500).'),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page.'),
};

export const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({ data: z.array(item), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.') });

export const timestamp = z.iso.datetime();

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (!cursor) return undefined;
  try {
    const id = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).after;
    if (typeof id === 'string') return id;
  } catch {
    // fall through to the coded error
  }
  throw validationError([{ in: 'query', field: 'cursor', message: 'not a cursor this API issued' }]);
}

export const encodeCursor = (lastId: string): string => Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');

/** A Date as both dialects compare datetime(3) columns: UTC `YYYY-MM-DD HH:MM:SS.mmm`. */
export const sqlTimestamp = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * One page of rows in id order — stable however rows are added — and the cursor of the next page.
 * `where` must carry the caller's tenant: every list is tenant-scoped.
 */
export async function listPage<T extends ObjectLiteral & { id: string }>(
  repo: Repository<T>,
  where: FindOptionsWhere<T>,
  query: { limit: number; cursor?: string },
): Promise<{ rows: T[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const rows = await repo.find({ where: { ...where, ...(after ? { id: MoreThan(after) } : {}) } as FindOptionsWhere<T>, order: { id: 'ASC' } as never, take: query.limit + 1 });
  const more = rows.length > query.limit;
  const pageRows = more ? rows.slice(0, query.limit) : rows;
  return { rows: pageRows, nextCursor: more ? encodeCursor(pageRows[pageRows.length - 1].id) : null };
}

/** A row of the caller's tenant, or 404 — never 403, so ids of other tenants reveal nothing. */
export async function findOwned<T extends ObjectLiteral>(repo: Repository<T>, what: string, id: string, tenantId: string): Promise<T> {
  const row = await repo.findOneBy({ id, tenantId } as unknown as FindOptionsWhere<T>);
  if (!row) throw new NotFoundError(what, id);
  return row;
}

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export const conflict = (message: string) => new HubError('IHUB_CONFLICT', message, { fault: 'user' });

/** Rows declared in config files belong to their files: the next `ihub apply` would undo an API change. */
export function assertApiOwned(kind: 'integration' | 'flow', row: { name: string; source: string | null }): void {
  if (row.source !== null) throw conflict(`${kind} '${row.name}' is declared in ${row.source}: change it there and run ihub apply`);
}
