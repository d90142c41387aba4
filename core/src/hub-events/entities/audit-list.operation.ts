import { z, type ListPage, type ListRequest, type Logger, type SourceRecord } from '@ihub/plugin-kit';
import { AuditLog } from '../../store/entities';
import { hubStore, type HubEventsContext } from '../hub-store';

// `seq` is the audit chain's position: rows are appended one at a time under the chain head's
// lock, so seq order is commit order and a read resumes exactly after the last row delivered.
const cursorSchema = z.strictObject({ v: z.literal(1), seq: z.string().regex(/^\d+$/) });

/** Lists the tenant's audit rows in chain order, one page per call, from after the cursor's `seq`. */
export async function listAudit(ctx: HubEventsContext, request: ListRequest): Promise<ListPage> {
  const after = decodeAuditCursor(request.cursor, ctx.logger);
  const pageSize = Math.max(1, request.pageSize);
  const query = hubStore(ctx)
    .getRepository(AuditLog)
    .createQueryBuilder('a')
    .where('a.tenantId = :tenantId', { tenantId: ctx.integration.tenantId })
    .orderBy('a.seq', 'ASC')
    .limit(pageSize + 1);
  if (after !== null) query.andWhere('a.seq > :after', { after: Number(after) });
  const rows = await query.getMany();
  const page = rows.slice(0, pageSize);
  const last = page.at(-1)?.seq ?? after;
  return { records: page.map(auditRecord), hasMore: rows.length > pageSize, cursor: last === null ? null : JSON.stringify({ v: 1, seq: String(last) }) };
}

/** An audit row as a record: who did what to what, with what outcome, and its place in the hash chain. */
export function auditRecord(row: AuditLog): SourceRecord {
  const createdAt = row.createdAt.toISOString();
  return {
    id: row.id,
    data: { id: row.id, seq: String(row.seq), actor: row.actor, action: row.action, target: row.target, outcome: row.outcome, requestId: row.requestId, ip: row.ip, details: row.details, hash: row.hash, createdAt },
    updatedAt: createdAt,
  };
}

function decodeAuditCursor(cursor: string | null, logger: Logger): string | null {
  if (cursor === null) return null;
  try {
    return cursorSchema.parse(JSON.parse(cursor)).seq;
  } catch {
    logger.warn('ihub: ignoring an unreadable audit cursor and reading the audit log from its start');
    return null;
  }
}
