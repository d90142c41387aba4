import { Brackets } from 'typeorm';
import type { ListPage, ListRequest, SourceRecord } from '@ihub/plugin-kit';
import { OutboxEvent } from '../../store/entities';
import { hubStore, type HubEventsContext } from '../hub-store';
import { decodeEventCursor, encodeEventCursor, floorId, idTime } from './event-cursor';
import { parseEventTypes } from './event-types.filter';

/**
 * Lists the tenant's events in id (creation) order, one page per call. A new read starts
 * `lookbackSeconds` before the last event delivered and re-reads that window on purpose: an event
 * committed late, behind ids already read, is found there; events read again are unchanged to
 * the hub.
 */
export async function listEvents(ctx: HubEventsContext, request: ListRequest): Promise<ListPage> {
  const types = parseEventTypes(request.filter);
  const cursor = decodeEventCursor(request.cursor, ctx.logger);
  const from = cursor === null ? null : cursor.paging ? cursor.after : floorId(idTime(cursor.after) - ctx.config.lookbackSeconds * 1000);
  const pageSize = Math.max(1, request.pageSize);
  const query = hubStore(ctx)
    .getRepository(OutboxEvent)
    .createQueryBuilder('e')
    .where('e.tenantId = :tenantId', { tenantId: ctx.integration.tenantId })
    .orderBy('e.id', 'ASC')
    .limit(pageSize + 1);
  if (from !== null) query.andWhere('e.id > :from', { from });
  if (types) {
    query.andWhere(new Brackets((or) => {
      if (types.exact.length > 0) or.orWhere('e.type IN (:...exact)', { exact: types.exact });
      // The filter's grammar has no LIKE wildcards of its own (`%`, `_`), so a prefix is safe as it is.
      types.prefixes.forEach((prefix, i) => or.orWhere(`e.type LIKE :prefix${i}`, { [`prefix${i}`]: `${prefix}%` }));
    }));
  }
  const rows = await query.getMany();
  const page = rows.slice(0, pageSize);
  const more = rows.length > pageSize;
  const last = page.at(-1)?.id ?? cursor?.after;
  return {
    records: page.map(eventRecord),
    hasMore: more,
    cursor: last === undefined ? null : encodeEventCursor({ v: 1, after: last, ...(more ? { paging: true } : {}) }),
  };
}

/** An event as a record: what happened, to what, with the event's own payload. */
export function eventRecord(event: OutboxEvent): SourceRecord {
  const createdAt = event.createdAt.toISOString();
  return { id: event.id, data: { id: event.id, type: event.type, subject: event.subject, payload: event.payload, createdAt }, updatedAt: createdAt };
}
