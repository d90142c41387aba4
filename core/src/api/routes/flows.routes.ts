import { z } from 'zod';
import { Flow, SyncLog } from '../../store/entities';
import { defineRoute } from '../api-route';
import { findOwned, idParams, listPage, page, pageQuery } from './common.schema';
import { runSchema, runView } from './runs.routes';

export const flowSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  entityType: z.string().describe('Canonical entity type the flow produces.'),
  direction: z.enum(['one-way', 'two-way']),
  schedule: z.string().nullable(),
  status: z.enum(['active', 'paused']),
  definition: z.record(z.string(), z.unknown()).describe('The flow as configured: source, mapping, targets, deletes, page size.'),
  source: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const flowView = (f: Flow): z.infer<typeof flowSchema> => ({
  id: f.id, name: f.name, entityType: f.entityType, direction: f.direction, schedule: f.schedule, status: f.status, definition: f.definition,
  source: f.source, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
});

export const flowRoutes = [
  defineRoute({
    operationId: 'listFlows',
    method: 'GET',
    path: '/flows',
    tag: 'Flows',
    summary: 'List flows',
    scope: 'read',
    query: z.strictObject({ ...pageQuery }),
    response: page(flowSchema),
    handler: async ({ runtime }, caller, { query }) => {
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(Flow), { tenantId: caller.tenantId }, query);
      return { data: rows.map(flowView), nextCursor };
    },
  }),
  defineRoute({
    operationId: 'getFlow',
    method: 'GET',
    path: '/flows/{id}',
    tag: 'Flows',
    summary: 'Get a flow',
    scope: 'read',
    params: idParams,
    response: flowSchema,
    handler: async ({ runtime }, caller, { params }) => flowView(await findOwned(runtime.store.getRepository(Flow), 'flow', params.id, caller.tenantId)),
  }),
  defineRoute({
    operationId: 'startFlowRun',
    method: 'POST',
    path: '/flows/{id}/runs',
    tag: 'Flows',
    summary: 'Start a run of a flow',
    description: 'Answers 202 as soon as the run has started; follow it with `GET /runs/{runId}`. A two-way flow runs its second stream after the first.',
    scope: 'write',
    params: idParams,
    body: z.strictObject({
      full: z.boolean().default(false).describe('Ignore the saved cursor and read everything.'),
      dryRun: z.boolean().default(false).describe('Read and map, count what would change, write nothing.'),
    }),
    status: 202,
    response: z.strictObject({ runId: z.uuid().nullable().describe('Null for a dry run, which keeps no log.'), flow: z.string(), status: z.literal('running') }),
    handler: async ({ runtime, broker }, caller, { params, body }) => {
      const flow = await findOwned(runtime.store.getRepository(Flow), 'flow', params.id, caller.tenantId);
      // The run goes on after the answer; its first stream's start (or its failure to start,
      // e.g. IHUB_SYNC_ALREADY_RUNNING) decides the response.
      return new Promise((resolve, reject) => {
        runtime.engine
          .runFlow(caller.tenantId, flow.name, { ...body, onStart: ({ runId }) => resolve({ runId: body.dryRun ? null : runId, flow: flow.name, status: 'running' }) })
          .then(() => undefined, (err: Error) => {
            reject(err);
            broker.logger.warn(`run of flow ${flow.name} started over the API failed: ${err.message}`);
          });
      });
    },
  }),
  defineRoute({
    operationId: 'listFlowRuns',
    method: 'GET',
    path: '/flows/{id}/runs',
    tag: 'Flows',
    summary: 'List the runs of a flow, oldest first',
    scope: 'read',
    params: idParams,
    query: z.strictObject({ ...pageQuery, status: z.enum(['running', 'completed', 'partial', 'failed']).optional() }),
    response: page(runSchema),
    handler: async ({ runtime }, caller, { params, query }) => {
      await findOwned(runtime.store.getRepository(Flow), 'flow', params.id, caller.tenantId);
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(SyncLog), { tenantId: caller.tenantId, flowId: params.id, ...(query.status ? { status: query.status } : {}) }, query);
      return { data: rows.map(runView), nextCursor };
    },
  }),
];
