import { secret, z } from '@ihub/plugin-kit';
import type { ConnectorCatalog } from '../../src/config';

/** Two small connectors standing in for installed plugins: the loader only needs their config schemas and entity names. */
export const testConnectors: ConnectorCatalog = new Map([
  ['csv', { config: z.strictObject({ folder: z.string(), format: z.enum(['csv', 'jsonl']).optional() }), entities: ['people'] }],
  [
    'rest',
    {
      config: z.strictObject({
        endpoint: z.url(),
        auth: z.strictObject({ method: z.literal('basic'), username: z.string(), password: secret(z.string()) }),
      }),
      entities: ['users'],
    },
  ],
]);
