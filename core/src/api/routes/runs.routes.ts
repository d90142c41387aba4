import { z } from 'zod';
import { NotFoundError } from '@ihub/plugin-kit';
import { SyncFailure, SyncLog } from '../../store/entities';
import { defineRoute } from '../api-route';
import { findOwned, idParams, iso } from './common.schema';

export const runSchema = z.strictObject({
  id: z.uuid(),
  flowId: z.uuid(),
  flow: z.string(),
  integrationId: z.uuid().describe('The source integration of the stream.'),
  entity: z.string(),
  syncType: z.enum(['full', 'incremental', 'webhook', 'retry']),
  status: z.enum(['running', 'completed', 'partial', 'failed']),
  counts: z.strictObject({ processed: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), created: z.number().int(), updated: z.number().int(), deleted: z.number().int(), unchanged: z.number().int() }),
  errors: z.array(z.strictObject({ stage: z.string(), integration: z.string(), externalId: z.string().optional(), recordId: z.string().optional(), code: z.string(), message: z.string() })).describe('Per-record errors (the first 1,000).'),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable().describe('Why the run as a whole failed.'),
  cursorBefore: z.string().nullable(),
  cursorAfter: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  node: z.string(),
  startedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});

export const runView = (l: SyncLog): z.infer<typeof runSchema> => ({
  id: l.id, flowId: l.flowId, flow: l.flowName, integrationId: l.integrationId, entity: l.entity, syncType: l.syncType, status: l.status,
  counts: { processed: l.recordsProcessed, succeeded: l.recordsSucceeded, failed: l.recordsFailed, created: l.recordsCreated, updated: l.recordsUpdated, deleted: l.recordsDeleted, unchanged: l.recordsUnchanged },
  errors: l.errorDetails, error: l.error, cursorBefore: l.cursorBefore, cursorAfter: l.cursorAfter, durationMs: l.durationMs, node: l.nodeId,
  startedAt: l.startedAt.toISOString(), completedAt: iso(l.completedAt),
});

export const runRoutes = [
  defineRoute({
    operationId: 'getRun',
    method: 'GET',
    path: '/runs/{id}',
    tag: 'Runs',
    summary: 'Get a sync run: status, counts, cursors and per-record errors',
    scope: 'read',
    example: {
      id: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', flowId: '2fee274c-8259-457e-a201-0e671183374d', flow: 'people-to-directory', integrationId: '5bdaa021-5d61-46b5-a7ee-5b2425f24af0', entity: 'file',
      syncType: 'incremental', status: 'partial', counts: { processed: 25, succeeded: 24, failed: 1, created: 2, updated: 1, deleted: 0, unchanged: 21 },
      errors: [{ stage: 'map', integration: 'hr-export', externalId: 'E1007', code: 'IHUB_RECORD_INVALID', message: 'mapping failed: score is not a number' }],
      error: null, cursorBefore: '{"mtimeMs":1763776000000,"size":2071,"offset":25}', cursorAfter: '{"mtimeMs":1763776300000,"size":2079,"offset":25}', durationMs: 41, node: 'hub-1', startedAt: '2026-11-22T02:00:00.000Z', completedAt: '2026-11-22T02:00:00.041Z',
    },
    params: idParams,
    response: runSchema,
    handler: async ({ runtime }, caller, { params }) => runView(await findOwned(runtime.store.getRepository(SyncLog), 'run', params.id, caller.tenantId)),
  }),
  defineRoute({
    operationId: 'retryFailedRecords',
    method: 'POST',
    path: '/runs/{id}/retry-failed',
    tag: 'Runs',
    summary: "Retry the records that failed in a run's flow now",
    description: 'Starts a run of the flow; every run first retries the records that failed before (write failures from the canonical record, read/map failures by fetching them again).',
    scope: 'write',
    params: idParams,
    status: 202,
    response: z.strictObject({ runId: z.uuid(), pendingFailures: z.number().int().describe('Failed records waiting to be retried when the run started.') }),
    handler: async ({ runtime }, caller, { params }) => {
      const run = await findOwned(runtime.store.getRepository(SyncLog), 'run', params.id, caller.tenantId);
      const pendingFailures = await runtime.store.getRepository(SyncFailure).countBy({ flowId: run.flowId, tenantId: caller.tenantId });
      return new Promise((resolve, reject) => {
        runtime.engine
          .runFlow(caller.tenantId, run.flowName, { trigger: 'retry', onStart: ({ runId }) => resolve({ runId, pendingFailures }) })
          .catch((err: Error) => reject(err instanceof NotFoundError ? new NotFoundError('run', params.id) : err));
      });
    },
  }),
];
