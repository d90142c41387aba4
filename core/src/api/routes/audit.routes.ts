import { z } from 'zod';
import { MoreThanOrEqual } from 'typeorm';
import { AuditLog } from '../../store/entities';
import { defineRoute } from '../api-route';
import { listPage, page, pageQuery } from './common.schema';

const auditSchema = z.strictObject({
  id: z.uuid(),
  seq: z.string().describe('Position in the hash chain.'),
  actor: z.string(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
  createdAt: z.iso.datetime(),
});

export const auditRoutes = [
  defineRoute({
    operationId: 'listAuditLog',
    method: 'GET',
    path: '/audit',
    tag: 'Audit',
    summary: "The tenant's audit log, oldest first",
    description: 'Each row carries the hash of the previous row of the chain (cluster-wide); `ihub audit verify` checks the whole chain.',
    scope: 'admin',
    query: z.strictObject({ ...pageQuery, since: z.iso.datetime().optional(), action: z.string().max(100).optional() }),
    response: page(auditSchema),
    handler: async ({ runtime }, caller, { query }) => {
      const where = { tenantId: caller.tenantId, ...(query.since ? { createdAt: MoreThanOrEqual(new Date(query.since)) } : {}), ...(query.action ? { action: query.action } : {}) };
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(AuditLog), where, query);
      return {
        data: rows.map((r) => ({ id: r.id, seq: String(r.seq), actor: r.actor, action: r.action, target: r.target, outcome: r.outcome, requestId: r.requestId, ip: r.ip, details: r.details, prevHash: r.prevHash, hash: r.hash, createdAt: r.createdAt.toISOString() })),
        nextCursor,
      };
    },
  }),
];
