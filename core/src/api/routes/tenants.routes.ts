import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NotFoundError } from '@ihub/plugin-kit';
import { Tenant } from '../../store/entities';
import { forbidden } from '../api-errors';
import { defineRoute, type ApiCaller, type ApiDeps } from '../api-route';
import { conflict, idParams, listPage, page, pageQuery } from './common.schema';

const tenantSchema = z.strictObject({ id: z.uuid(), code: z.string(), name: z.string(), status: z.enum(['active', 'suspended']), createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() });
const view = (t: Tenant): z.infer<typeof tenantSchema> => ({ id: t.id, code: t.code, name: t.name, status: t.status, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() });

/**
 * Tenants are the hub operator's business: only admin credentials of the operator tenant
 * (`hub.api.operatorTenant`, default `default`) see or change other tenants. Any other caller
 * sees its own tenant through `GET /tenant`.
 */
async function assertOperator({ runtime }: ApiDeps, caller: ApiCaller): Promise<void> {
  if (caller.tenantId !== runtime.tenantId(runtime.config.hub.api.operatorTenant)) throw forbidden('managing tenants needs admin credentials of the operator tenant');
}

export const tenantRoutes = [
  defineRoute({
    operationId: 'getCurrentTenant',
    method: 'GET',
    path: '/tenant',
    tag: 'Tenants',
    summary: "The caller's tenant",
    scope: 'read',
    response: tenantSchema,
    handler: async ({ runtime }, caller) => view(await runtime.store.getRepository(Tenant).findOneByOrFail({ id: caller.tenantId })),
  }),
  defineRoute({
    operationId: 'listTenants',
    method: 'GET',
    path: '/tenants',
    tag: 'Tenants',
    summary: 'List tenants (operator only)',
    scope: 'admin',
    query: z.strictObject({ ...pageQuery }),
    response: page(tenantSchema),
    handler: async (deps, caller, { query }) => {
      await assertOperator(deps, caller);
      const { rows, nextCursor } = await listPage(deps.runtime.store.getRepository(Tenant), {}, query);
      return { data: rows.map(view), nextCursor };
    },
  }),
  defineRoute({
    operationId: 'createTenant',
    method: 'POST',
    path: '/tenants',
    tag: 'Tenants',
    summary: 'Create a tenant (operator only)',
    scope: 'admin',
    body: z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes'), name: z.string().min(1).max(200) }),
    status: 201,
    response: tenantSchema,
    handler: async (deps, caller, { body }) => {
      await assertOperator(deps, caller);
      const repo = deps.runtime.store.getRepository(Tenant);
      if (await repo.existsBy({ code: body.code })) throw conflict(`a tenant with code '${body.code}' already exists`);
      const now = new Date();
      const row = Object.assign(new Tenant(), { id: randomUUID(), code: body.code, name: body.name, status: 'active' as const, quotas: null, createdAt: now, updatedAt: now });
      await repo.save(row);
      await deps.runtime.refreshTenants();
      return view(row);
    },
  }),
  defineRoute({
    operationId: 'updateTenant',
    method: 'PATCH',
    path: '/tenants/{id}',
    tag: 'Tenants',
    summary: "Rename or suspend a tenant (operator only); a suspended tenant's credentials stop working",
    scope: 'admin',
    params: idParams,
    body: z.strictObject({ name: z.string().min(1).max(200).optional(), status: z.enum(['active', 'suspended']).optional() }),
    response: tenantSchema,
    handler: async (deps, caller, { params, body }) => {
      // To anyone but the operator, other tenants do not exist: 404, as for every other resource.
      await assertOperator(deps, caller).catch(() => {
        throw new NotFoundError('tenant', params.id);
      });
      const repo = deps.runtime.store.getRepository(Tenant);
      const row = await repo.findOneBy({ id: params.id });
      if (!row) throw new NotFoundError('tenant', params.id);
      if (body.status === 'suspended' && row.id === caller.tenantId) throw conflict('the operator tenant cannot suspend itself');
      Object.assign(row, body, { updatedAt: new Date() });
      await repo.save(row);
      return view(row);
    },
  }),
];
