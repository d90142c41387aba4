import { z } from 'zod';
import { HubError } from '@ihub/plugin-kit';
import { Integration } from '../../store/entities';
import { defineRoute, type ApiDeps } from '../api-route';
import { findOwned, idParams, iso, listPage, page, pageQuery } from './common.schema';

export const integrationSchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  connector: z.string(),
  description: z.string().nullable(),
  endpointUrl: z.string().nullable(),
  configuration: z.record(z.string(), z.unknown()).describe('Connection config with every secret field replaced by `***`.'),
  status: z.enum(['active', 'paused', 'error']),
  source: z.string().nullable().describe('Config file and line it was declared in; null when created over the API.'),
  lastSyncAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const integrationView = (i: Integration): z.infer<typeof integrationSchema> => ({
  id: i.id, name: i.name, connector: i.connector, description: i.description, endpointUrl: i.endpointUrl, configuration: i.configuration,
  status: i.status, source: i.source, lastSyncAt: iso(i.lastSyncAt), createdAt: i.createdAt.toISOString(), updatedAt: i.updatedAt.toISOString(),
});

async function setStatus({ runtime }: ApiDeps, tenantId: string, id: string, status: 'active' | 'paused') {
  const repo = runtime.store.getRepository(Integration);
  await findOwned(repo, 'integration', id, tenantId);
  await repo.update({ id, tenantId }, { status, updatedAt: new Date() });
  return integrationView(await findOwned(repo, 'integration', id, tenantId));
}

export const integrationRoutes = [
  defineRoute({
    operationId: 'listIntegrations',
    method: 'GET',
    path: '/integrations',
    tag: 'Integrations',
    summary: 'List integrations',
    scope: 'read',
    query: z.strictObject({ ...pageQuery, connector: z.string().optional().describe('Only integrations of this connector.') }),
    response: page(integrationSchema),
    handler: async ({ runtime }, caller, { query }) => {
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(Integration), { tenantId: caller.tenantId, ...(query.connector ? { connector: query.connector } : {}) }, query);
      return { data: rows.map(integrationView), nextCursor };
    },
  }),
  defineRoute({
    operationId: 'getIntegration',
    method: 'GET',
    path: '/integrations/{id}',
    tag: 'Integrations',
    summary: 'Get an integration',
    scope: 'read',
    params: idParams,
    response: integrationSchema,
    handler: async ({ runtime }, caller, { params }) => integrationView(await findOwned(runtime.store.getRepository(Integration), 'integration', params.id, caller.tenantId)),
  }),
  defineRoute({
    operationId: 'checkIntegration',
    method: 'POST',
    path: '/integrations/{id}/check',
    tag: 'Integrations',
    summary: 'Test the connection of an integration',
    scope: 'write',
    params: idParams,
    response: z.strictObject({ ok: z.boolean(), message: z.string().optional(), code: z.string().optional() }),
    handler: async ({ runtime }, caller, { params }) => {
      const row = await findOwned(runtime.store.getRepository(Integration), 'integration', params.id, caller.tenantId);
      const instance = runtime.integration(caller.tenantId, row.name);
      if (!instance) throw new HubError('IHUB_INTEGRATION_UNAVAILABLE', `integration '${row.name}' is not loaded on this node (unknown connector or not in the config files)`, { fault: 'user' });
      try {
        const result = await instance.check();
        return { ok: result.ok, ...(result.message ? { message: result.message } : {}) };
      } catch (err) {
        const e = HubError.from(err);
        return { ok: false, message: e.message, code: e.code };
      }
    },
  }),
  defineRoute({
    operationId: 'pauseIntegration',
    method: 'POST',
    path: '/integrations/{id}/pause',
    tag: 'Integrations',
    summary: 'Pause an integration: its flows are not scheduled',
    scope: 'write',
    params: idParams,
    response: integrationSchema,
    handler: (deps, caller, { params }) => setStatus(deps, caller.tenantId, params.id, 'paused'),
  }),
  defineRoute({
    operationId: 'resumeIntegration',
    method: 'POST',
    path: '/integrations/{id}/resume',
    tag: 'Integrations',
    summary: 'Resume a paused integration',
    scope: 'write',
    params: idParams,
    response: integrationSchema,
    handler: (deps, caller, { params }) => setStatus(deps, caller.tenantId, params.id, 'active'),
  }),
];
