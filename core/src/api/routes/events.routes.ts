import { z } from 'zod';
import { MoreThanOrEqual, Like } from 'typeorm';
import { OutboxEvent } from '../../store/entities';
import { defineRoute } from '../api-route';
import { listPage, page, pageQuery } from './common.schema';

const eventSchema = z.strictObject({
  id: z.uuid(),
  type: z.string().describe('`record.created`, `record.updated`, `record.deleted`, `sync.started`, `sync.completed`, `sync.failed`.'),
  subject: z.string(),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});

export const eventRoutes = [
  defineRoute({
    operationId: 'listEvents',
    method: 'GET',
    path: '/events',
    tag: 'Events',
    summary: 'List events, oldest first',
    scope: 'read',
    query: z.strictObject({
      ...pageQuery,
      type: z.string().regex(/^[a-z]+(\.[a-z*]+)?$/).optional().describe('An event type, or a wildcard like `record.*`.'),
      since: z.iso.datetime().optional().describe('Only events created at or after this instant.'),
    }),
    response: page(eventSchema),
    handler: async ({ runtime }, caller, { query }) => {
      const where = {
        tenantId: caller.tenantId,
        ...(query.type ? { type: query.type.endsWith('.*') ? Like(`${query.type.slice(0, -1)}%`) : query.type } : {}),
        ...(query.since ? { createdAt: MoreThanOrEqual(new Date(query.since)) } : {}),
      };
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(OutboxEvent), where, query);
      return { data: rows.map((e) => ({ id: e.id, type: e.type, subject: e.subject, payload: e.payload, createdAt: e.createdAt.toISOString() })), nextCursor };
    },
  }),
];
