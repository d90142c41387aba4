import type { SourceRecord } from '@ihub/plugin-kit';
import { AuditLog } from '../../store/entities';
import { hubStore, type HubEventsContext } from '../hub-store';
import { auditRecord } from './audit-list.operation';

/** One audit row of the tenant by id, or null. */
export async function getAudit(ctx: HubEventsContext, id: string): Promise<SourceRecord | null> {
  const row = await hubStore(ctx).getRepository(AuditLog).findOneBy({ id, tenantId: ctx.integration.tenantId });
  return row ? auditRecord(row) : null;
}
