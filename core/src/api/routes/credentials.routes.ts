import { z } from 'zod';
import { NotFoundError } from '@ihub/plugin-kit';
import { ApiKey, OAuthClient } from '../../store/entities';
import { defineRoute } from '../api-route';
import { createApiKey } from '../auth/api-keys';
import { createOAuthClient } from '../auth/oauth-clients';
import { SCOPES } from '../auth/scopes';
import { idParams, iso, listPage, page, pageQuery } from './common.schema';
import { CREDENTIALS_REVOKED_EVENT } from '../auth/credential-events';

const scopes = z.array(z.enum(SCOPES)).min(1).describe('`read`, `write` (includes read), `admin` (includes write).');

const apiKeySchema = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe('The first characters of the key, to recognise it.'),
  scopes,
  expiresAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});

const keyView = (k: ApiKey): z.infer<typeof apiKeySchema> => ({
  id: k.id, name: k.name, prefix: k.prefix, scopes: k.scopes, expiresAt: iso(k.expiresAt), revokedAt: iso(k.revokedAt), lastUsedAt: iso(k.lastUsedAt), createdBy: k.createdBy, createdAt: k.createdAt.toISOString(),
});

const clientSchema = z.strictObject({ id: z.uuid(), name: z.string(), clientId: z.string(), scopes, revokedAt: z.iso.datetime().nullable(), createdAt: z.iso.datetime() });
const clientView = (c: OAuthClient): z.infer<typeof clientSchema> => ({ id: c.id, name: c.name, clientId: c.clientId, scopes: c.scopes, revokedAt: iso(c.revokedAt), createdAt: c.createdAt.toISOString() });

export const credentialRoutes = [
  defineRoute({
    operationId: 'listApiKeys',
    method: 'GET',
    path: '/api-keys',
    tag: 'API keys',
    summary: "List the tenant's API keys (never the keys themselves)",
    scope: 'admin',
    query: z.strictObject({ ...pageQuery }),
    response: page(apiKeySchema),
    handler: async ({ runtime }, caller, { query }) => {
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(ApiKey), { tenantId: caller.tenantId }, query);
      return { data: rows.map(keyView), nextCursor };
    },
  }),
  defineRoute({
    operationId: 'createApiKey',
    method: 'POST',
    path: '/api-keys',
    tag: 'API keys',
    summary: 'Create an API key; the key is in this response only',
    scope: 'admin',
    body: z.strictObject({ name: z.string().min(1).max(100), scopes, expiresAt: z.iso.datetime().optional().describe('When the key stops working.') }),
    status: 201,
    response: apiKeySchema.extend({ key: z.string().describe('The key (`ihk_…`). Store it now: the hub keeps only its hash.') }),
    handler: async ({ runtime }, caller, { body }) => {
      const { key, record } = await createApiKey(runtime.store, { tenantId: caller.tenantId, name: body.name, scopes: body.scopes, expiresAt: body.expiresAt ? new Date(body.expiresAt) : null, createdBy: caller.actor });
      return { ...keyView(record), key };
    },
  }),
  defineRoute({
    operationId: 'revokeApiKey',
    method: 'DELETE',
    path: '/api-keys/{id}',
    tag: 'API keys',
    summary: 'Revoke an API key at once',
    scope: 'admin',
    params: idParams,
    status: 204,
    response: z.null(),
    handler: async ({ runtime, broker }, caller, { params }) => {
      const result = await runtime.store.getRepository(ApiKey).update({ id: params.id, tenantId: caller.tenantId }, { revokedAt: new Date() });
      if (!result.affected) throw new NotFoundError('api key', params.id);
      await broker.broadcast(CREDENTIALS_REVOKED_EVENT, { keyId: params.id });
      return null;
    },
  }),
  defineRoute({
    operationId: 'listOAuthClients',
    method: 'GET',
    path: '/oauth-clients',
    tag: 'OAuth clients',
    summary: "List the tenant's OAuth clients",
    scope: 'admin',
    query: z.strictObject({ ...pageQuery }),
    response: page(clientSchema),
    handler: async ({ runtime }, caller, { query }) => {
      const { rows, nextCursor } = await listPage(runtime.store.getRepository(OAuthClient), { tenantId: caller.tenantId }, query);
      return { data: rows.map(clientView), nextCursor };
    },
  }),
  defineRoute({
    operationId: 'createOAuthClient',
    method: 'POST',
    path: '/oauth-clients',
    tag: 'OAuth clients',
    summary: 'Create an OAuth client (client credentials); the secret is in this response only',
    scope: 'admin',
    body: z.strictObject({ name: z.string().min(1).max(100), scopes }),
    status: 201,
    response: clientSchema.extend({ clientSecret: z.string() }),
    handler: async ({ runtime }, caller, { body }) => {
      const { clientSecret, record } = await createOAuthClient(runtime.store, { tenantId: caller.tenantId, name: body.name, scopes: body.scopes });
      return { ...clientView(record), clientSecret };
    },
  }),
  defineRoute({
    operationId: 'revokeOAuthClient',
    method: 'DELETE',
    path: '/oauth-clients/{id}',
    tag: 'OAuth clients',
    summary: 'Revoke an OAuth client: it gets no new tokens',
    scope: 'admin',
    params: idParams,
    status: 204,
    response: z.null(),
    handler: async ({ runtime, broker }, caller, { params }) => {
      const result = await runtime.store.getRepository(OAuthClient).update({ id: params.id, tenantId: caller.tenantId }, { revokedAt: new Date() });
      if (!result.affected) throw new NotFoundError('oauth client', params.id);
      const client = await runtime.store.getRepository(OAuthClient).findOneByOrFail({ id: params.id });
      await broker.broadcast(CREDENTIALS_REVOKED_EVENT, { clientId: client.clientId });
      return null;
    },
  }),
];
