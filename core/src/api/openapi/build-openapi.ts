import { z } from 'zod';
import { HUB_VERSION } from '../../registry/hub-version';
import type { AnyApiRoute } from '../api-route';

type Json = Record<string, unknown>;

const errorSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe('Stable error code, e.g. `IHUB_VALIDATION`.'),
    message: z.string(),
    details: z.array(z.record(z.string(), z.unknown())).describe('Per-field problems for validation errors: `{ in, field, message }`.'),
  }),
});

const ERRORS: Record<string, { description: string; example: { error: { code: string; message: string; details: unknown[] } } }> = {
  '400': {
    description: 'Invalid request: `error.details` lists each bad field.',
    example: { error: { code: 'IHUB_VALIDATION', message: 'invalid request: body full: Invalid input: expected boolean, received string', details: [{ in: 'body', field: 'full', message: 'Invalid input: expected boolean, received string' }] } },
  },
  '401': { description: 'Missing, invalid, expired or revoked credentials.', example: { error: { code: 'IHUB_UNAUTHENTICATED', message: 'API key revoked', details: [] } } },
  '403': { description: 'The credentials lack the scope this operation needs.', example: { error: { code: 'IHUB_FORBIDDEN', message: "this operation needs the 'write' scope; the credentials have: read", details: [] } } },
  '404': { description: "No such resource in the caller's tenant.", example: { error: { code: 'IHUB_NOT_FOUND', message: "flow '0b7c…' not found", details: [] } } },
  '429': { description: 'Rate limit exceeded; see `Retry-After` and `RateLimit-*`.', example: { error: { code: 'IHUB_RATE_LIMITED', message: 'rate limit of 600 requests per window exceeded for this credential; retry after 12 s', details: [] } } },
  '500': { description: 'Internal error.', example: { error: { code: 'IHUB_INTERNAL', message: 'internal error; see the hub log', details: [] } } },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  return out;
}

/** Path or query parameters from a zod object's properties. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    description: prop.description,
    schema: prop,
  }));
}

/**
 * The OpenAPI 3.1 document of the API, built from the route table: the same zod schemas validate
 * requests, so the document cannot drift from what the server accepts.
 */
export function buildOpenApi(routes: AnyApiRoute[], serverUrl = '/api/v1'): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const responses: Record<string, Json> = {};
    const status = String(route.status ?? 200);
    responses[status] = status === '204'
      ? { description: route.summary }
      : { description: route.summary, content: { 'application/json': { schema: jsonSchema(route.response, 'output'), ...(route.example ? { example: route.example } : {}) } } };
    const errorCodes = ['400', ...(route.scope === 'public' ? [] : ['401', '403']), ...(route.path.includes('{') ? ['404'] : []), '429', '500'];
    for (const code of errorCodes) responses[code] = { $ref: `#/components/responses/Error${code}` };
    const operation: Json = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses,
      security: route.scope === 'public' ? [] : [{ bearerAuth: [] }, { oauth2: [route.scope] }],
      'x-ihub-scope': route.scope,
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'ihub API',
      version: HUB_VERSION,
      description: 'REST API of the ihub integration hub. Every request runs in the tenant of its credentials; resources of other tenants answer 404.',
    },
    servers: [{ url: serverUrl }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      responses: Object.fromEntries(Object.entries(ERRORS).map(([code, { description, example }]) => [`Error${code}`, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, example } } }])),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key (`ihk_…`) or an access token from `/oauth/token`.' },
        oauth2: {
          type: 'oauth2',
          flows: { clientCredentials: { tokenUrl: `${serverUrl}/oauth/token`, scopes: { read: 'Read resources', write: 'Create, change and run', admin: 'Manage tenants and credentials' } } },
        },
      },
    },
  };
}
