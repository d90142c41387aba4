import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { flowSchema as flowConfigSchema, type FlowConfig } from '../../config/integration-file.schema';
import { Flow } from '../../store/entities';
import { FLOWS_CHANGED_EVENT } from '../../services/hub.service';
import { FieldProblem, validationError } from '../api-errors';
import { defineRoute, type ApiCaller, type ApiDeps } from '../api-route';
import { assertApiOwned, conflict, findOwned, idParams } from './common.schema';
import { flowSchema, flowView } from './flows.routes';

/** What the schema cannot know: the integrations and their entities exist in the caller's tenant, and two-way rules. */
function referenceProblems({ runtime }: ApiDeps, caller: ApiCaller, flow: FlowConfig): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const check = (integration: string, entity: string, field: string) => {
    const instance = runtime.integration(caller.tenantId, integration);
    if (!instance) problems.push({ in: 'body', field: `${field}.integration`, message: `no integration '${integration}' in this tenant` });
    else if (!instance.hasEntity(entity)) problems.push({ in: 'body', field: `${field}.entity`, message: `connector '${instance.id}' has no entity '${entity}'` });
  };
  check(flow.source.integration, flow.source.entity, 'source');
  flow.targets.forEach((t, i) => {
    check(t.integration, t.entity, `targets.${i}`);
    if (t.integration === flow.source.integration && t.entity === flow.source.entity) problems.push({ in: 'body', field: `targets.${i}`, message: 'a flow cannot write to its own source' });
  });
  if (flow.direction === 'two-way' && (flow.targets.length !== 1 || !flow.targets[0].reverseMapping)) {
    problems.push({ in: 'body', field: 'targets', message: 'a two-way flow needs exactly one target, with a reverseMapping' });
  }
  return problems;
}

function rowFields(flow: FlowConfig) {
  const { enabled, ...definition } = flow;
  return { entityType: flow.entity, definition: definition as unknown as Record<string, unknown>, direction: flow.direction, schedule: flow.schedule ?? null, status: (enabled ? 'active' : 'paused') as Flow['status'] };
}

async function save(deps: ApiDeps, caller: ApiCaller, flow: FlowConfig, existing?: Flow): Promise<Flow> {
  const problems = referenceProblems(deps, caller, flow);
  if (problems.length > 0) throw validationError(problems);
  const repo = deps.runtime.store.getRepository(Flow);
  const clash = await repo.findOneBy({ tenantId: caller.tenantId, name: flow.name });
  if (clash && clash.id !== existing?.id) throw conflict(`a flow named '${flow.name}' already exists`);
  const now = new Date();
  const row = existing
    ? Object.assign(existing, rowFields(flow), { name: flow.name, updatedAt: now })
    : Object.assign(new Flow(), { id: randomUUID(), tenantId: caller.tenantId, name: flow.name, ...rowFields(flow), source: null, lastTickAt: null, createdAt: now, updatedAt: now });
  await repo.save(row);
  await deps.broker.broadcast(FLOWS_CHANGED_EVENT, {});
  return row;
}

export const flowWriteRoutes = [
  defineRoute({
    operationId: 'createFlow',
    method: 'POST',
    path: '/flows',
    tag: 'Flows',
    summary: 'Create a flow',
    description: 'The body is a flow as in an integration file; its integrations are named as they are in this tenant.',
    scope: 'write',
    body: flowConfigSchema,
    status: 201,
    response: flowSchema,
    handler: async (deps, caller, { body }) => flowView(await save(deps, caller, body)),
  }),
  defineRoute({
    operationId: 'replaceFlow',
    method: 'PUT',
    path: '/flows/{id}',
    tag: 'Flows',
    summary: 'Replace a flow created over the API',
    scope: 'write',
    params: idParams,
    body: flowConfigSchema,
    response: flowSchema,
    handler: async (deps, caller, { params, body }) => {
      const row = await findOwned(deps.runtime.store.getRepository(Flow), 'flow', params.id, caller.tenantId);
      assertApiOwned('flow', row);
      return flowView(await save(deps, caller, body, row));
    },
  }),
  defineRoute({
    operationId: 'deleteFlow',
    method: 'DELETE',
    path: '/flows/{id}',
    tag: 'Flows',
    summary: 'Delete a flow created over the API (its records, mappings and runs are kept)',
    scope: 'write',
    params: idParams,
    status: 204,
    response: z.null(),
    handler: async (deps, caller, { params }) => {
      const repo = deps.runtime.store.getRepository(Flow);
      const row = await findOwned(repo, 'flow', params.id, caller.tenantId);
      assertApiOwned('flow', row);
      await repo.delete({ id: row.id, tenantId: caller.tenantId });
      await deps.broker.broadcast(FLOWS_CHANGED_EVENT, {});
      return null;
    },
  }),
];
