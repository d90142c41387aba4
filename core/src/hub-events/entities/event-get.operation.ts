import type { SourceRecord } from '@ihub/plugin-kit';
import { OutboxEvent } from '../../store/entities';
import { hubStore, type HubEventsContext } from '../hub-store';
import { eventRecord } from './event-list.operation';

/** One event of the tenant by id, or null. */
export async function getEvent(ctx: HubEventsContext, id: string): Promise<SourceRecord | null> {
  const event = await hubStore(ctx).getRepository(OutboxEvent).findOneBy({ id, tenantId: ctx.integration.tenantId });
  return event ? eventRecord(event) : null;
}
