import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { HubError, NotFoundError } from '@ihub/plugin-kit';
import { integrationSchema as integrationConfigSchema } from '../../config/integration-file.schema';
import { connectionConfigOf } from '../../config/connection-config';
import { connectionConfigProblems } from '../../config/connection-config';
import { Flow, Integration } from '../../store/entities';
import { keepMaskedSecrets, splitSecrets, type SecretValues } from '../../security';
import { INTEGRATION_CHANGED_EVENT } from '../../services/hub.service';
import { validationError } from '../api-errors';
import { defineRoute, type ApiDeps } from '../api-route';
import { assertApiOwned, conflict, findOwned, idParams } from './common.schema';
import { integrationSchema, integrationView } from './integrations.routes';

type IntegrationInput = z.infer<typeof integrationConfigSchema>;

/** Checks the connection config against the connector's schema; returns it with secrets split off for encryption. */
function checkedConnection({ runtime }: ApiDeps, input: IntegrationInput): { redacted: Record<string, unknown>; secrets: SecretValues } {
  const connector = runtime.registry.get(input.connector);
  if (!connector) throw validationError([{ in: 'body', field: 'connector', message: `unknown connector '${input.connector}'; installed: ${runtime.registry.list().map((c) => c.manifest.id).join(', ')}` }]);
  const problems = connectionConfigProblems(input, { config: connector.manifest.config, entities: Object.keys(connector.manifest.entities) });
  if (problems.length > 0) throw validationError(problems.map((p) => ({ in: 'body', field: p.path.join('.'), message: p.message })));
  return splitSecrets(connectionConfigOf(input), connector.secrets);
}

function encrypted({ runtime }: ApiDeps, secrets: SecretValues): string | null {
  return Object.keys(secrets).length === 0 ? null : runtime.secretBox().encrypt(secrets);
}

/** This node's connector is rebuilt before answering; the others are told (and this one again, harmlessly). */
const changed = async ({ broker, runtime }: ApiDeps, id: string) => {
  await runtime.refreshIntegration(id);
  await broker.broadcast(INTEGRATION_CHANGED_EVENT, { id });
};

export const integrationWriteRoutes = [
  defineRoute({
    operationId: 'createIntegration',
    method: 'POST',
    path: '/integrations',
    tag: 'Integrations',
    summary: 'Create an integration',
    description: 'The connection config is `{ ...settings, endpoint, auth }` checked against the connector\'s schema (see `GET /connectors/{connectorId}`). Secret fields are encrypted at rest (IHUB_SECRET_KEY) and never returned.',
    scope: 'write',
    body: integrationConfigSchema,
    status: 201,
    response: integrationSchema,
    handler: async (deps, caller, { body }) => {
      const repo = deps.runtime.store.getRepository(Integration);
      if (await repo.existsBy({ tenantId: caller.tenantId, name: body.name })) throw conflict(`an integration named '${body.name}' already exists`);
      const { redacted, secrets } = checkedConnection(deps, body);
      const now = new Date();
      const row: Integration = Object.assign(new Integration(), {
        id: randomUUID(), tenantId: caller.tenantId, name: body.name, connector: body.connector, description: body.description ?? null, endpointUrl: body.endpoint ?? null,
        configuration: redacted, secrets: encrypted(deps, secrets), status: 'active' as const, source: null, lastSyncAt: null, createdAt: now, updatedAt: now,
      });
      await repo.save(row);
      await changed(deps, row.id);
      return integrationView(row);
    },
  }),
  defineRoute({
    operationId: 'updateIntegration',
    method: 'PATCH',
    path: '/integrations/{id}',
    tag: 'Integrations',
    summary: 'Change an integration created over the API',
    description: 'Fields given replace the stored ones. A secret sent as `***` (as the API shows it) keeps its stored value.',
    scope: 'write',
    params: idParams,
    body: integrationConfigSchema.omit({ name: true, connector: true }).partial(),
    response: integrationSchema,
    handler: async (deps, caller, { params, body }) => {
      const repo = deps.runtime.store.getRepository(Integration);
      const row = await findOwned(repo, 'integration', params.id, caller.tenantId);
      assertApiOwned('integration', row);
      const previous = (row.secrets ? deps.runtime.secretBox().decrypt(row.secrets) : {}) as SecretValues;
      const connector = deps.runtime.registry.get(row.connector);
      const stored = row.configuration as Record<string, unknown>;
      const { endpoint: oldEndpoint, auth: oldAuth, ...oldSettings } = stored;
      const merged: IntegrationInput = {
        name: row.name,
        connector: row.connector,
        description: body.description ?? row.description ?? undefined,
        endpoint: body.endpoint ?? (oldEndpoint as string | undefined),
        auth: body.auth ?? (oldAuth as Record<string, unknown> | undefined),
        settings: body.settings ?? oldSettings,
      };
      const unmasked = keepMaskedSecrets(connectionConfigOf(merged), previous, connector?.secrets ?? []);
      const { endpoint, auth, ...settings } = unmasked;
      const { redacted, secrets } = checkedConnection(deps, { ...merged, endpoint: endpoint as string | undefined, auth: auth as Record<string, unknown> | undefined, settings });
      await repo.save(Object.assign(row, { description: merged.description ?? null, endpointUrl: (endpoint as string | undefined) ?? null, configuration: redacted, secrets: encrypted(deps, secrets), updatedAt: new Date() }));
      await changed(deps, row.id);
      return integrationView(await findOwned(repo, 'integration', row.id, caller.tenantId));
    },
  }),
  defineRoute({
    operationId: 'deleteIntegration',
    method: 'DELETE',
    path: '/integrations/{id}',
    tag: 'Integrations',
    summary: 'Delete an integration created over the API (records and mappings are kept)',
    scope: 'write',
    params: idParams,
    status: 204,
    response: z.null(),
    handler: async (deps, caller, { params }) => {
      const repo = deps.runtime.store.getRepository(Integration);
      const row = await findOwned(repo, 'integration', params.id, caller.tenantId);
      assertApiOwned('integration', row);
      const flows = await deps.runtime.store.getRepository(Flow).findBy({ tenantId: caller.tenantId });
      const users = flows.filter((f) => JSON.stringify(f.definition).includes(`"integration":${JSON.stringify(row.name)}`)).map((f) => f.name);
      if (users.length > 0) throw conflict(`integration '${row.name}' is used by flow(s) ${users.join(', ')}`);
      const result = await repo.delete({ id: row.id, tenantId: caller.tenantId });
      if (!result.affected) throw new NotFoundError('integration', params.id);
      await changed(deps, row.id);
      return null;
    },
  }),
];
