import { z } from 'zod';
import semver from 'semver';
import type { ConnectorManifest } from './connector.types';

const fn = z.custom<(...args: unknown[]) => unknown>((v) => typeof v === 'function', 'must be a function');
const zodSchema = z.custom<z.ZodType>((v) => v instanceof z.ZodType, 'must be a zod schema');

const entitySchema = z
  .object({
    displayName: z.string().optional(),
    description: z.string().optional(),
    changeTracking: z.enum(['cursor', 'snapshot']),
    list: fn.optional(),
    get: fn.optional(),
    create: fn.optional(),
    update: fn.optional(),
    delete: fn.optional(),
    write: fn.optional(),
  })
  .strict()
  .refine((e) => (['list', 'get', 'create', 'update', 'delete', 'write'] as const).some((op) => typeof e[op] === 'function'), 'an entity needs at least one operation');

/** The shape every connector manifest must have; checked by `defineConnector` and again by the hub's registry. */
export const manifestSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes, starting with a letter'),
    version: z.string().refine((v) => semver.valid(v) !== null, 'must be a semver version'),
    displayName: z.string().min(1),
    description: z.string().optional(),
    hub: z.string().refine((v) => semver.validRange(v) !== null, 'must be a semver range'),
    config: zodSchema,
    auth: z.array(z.enum(['none', 'basic', 'bearer', 'api-key', 'oauth2-client-credentials', 'oauth2-password', 'oauth2-refresh-token', 'ldap-bind', 'jwt'])).min(1),
    connect: fn.optional(),
    disconnect: fn.optional(),
    check: fn,
    entities: z.record(z.string().regex(/^[a-zA-Z][\w-]*$/), entitySchema).refine((e) => Object.keys(e).length > 0, 'a connector needs at least one entity'),
    inbound: z.object({ handle: fn }).optional(),
  })
  .strict();

/** Every problem of a manifest, as `path: message` strings; empty when valid. */
export function manifestProblems(manifest: unknown): string[] {
  const result = manifestSchema.safeParse(manifest);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join('.') || '(manifest)'}: ${i.message}`);
}

export type ValidManifest = ConnectorManifest<any, any>;
