import { z } from 'zod';
import { NotFoundError } from '@ihub/plugin-kit';
import { defineRoute } from '../api-route';

const connectorSchema = z.strictObject({
  id: z.string(),
  version: z.string(),
  displayName: z.string(),
  description: z.string().optional(),
  package: z.string(),
  auth: z.array(z.string()),
  entities: z.array(z.strictObject({ name: z.string(), changeTracking: z.enum(['cursor', 'snapshot']), operations: z.array(z.string()) })),
  configSchema: z.record(z.string(), z.unknown()).describe('JSON Schema (2020-12) of the connection config; secret fields carry `writeOnly: true` and `x-ihub-secret: true`.'),
  secrets: z.array(z.string()).describe('Dotted paths of the secret fields.'),
});

export const connectorRoutes = [
  defineRoute({
    operationId: 'listConnectors',
    method: 'GET',
    path: '/connectors',
    tag: 'Connectors',
    summary: 'List installed connectors',
    scope: 'read',
    response: z.strictObject({ data: z.array(connectorSchema) }),
    handler: async ({ runtime }) => ({ data: runtime.registry.describe() as z.infer<typeof connectorSchema>[] }),
  }),
  defineRoute({
    operationId: 'getConnector',
    method: 'GET',
    path: '/connectors/{connectorId}',
    tag: 'Connectors',
    summary: 'Get a connector: entities, operations, connection-config schema',
    scope: 'read',
    params: z.strictObject({ connectorId: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/) }),
    response: connectorSchema,
    handler: async ({ runtime }, _caller, { params }) => {
      const found = runtime.registry.describe().find((c) => c.id === params.connectorId);
      if (!found) throw new NotFoundError('connector', params.connectorId);
      return found as z.infer<typeof connectorSchema>;
    },
  }),
];
