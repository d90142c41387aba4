import { secret, z } from '@ihub/plugin-kit';
import { encodedQueryProblem } from './encoded-query';
import { ENTITY_NAMES, type EntityName } from './entities/entity-catalog';

const tableName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a table name: lower-case letters, digits and underscores, e.g. `incident` or `u_asset_request`');
const fieldName = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'must be a field name such as `short_description`, or a dot-walked one such as `caller_id.email`');
const encodedQuery = z
  .string()
  .min(1)
  .superRefine((query, ctx) => {
    const problem = encodedQueryProblem(query);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** How one entity reads and writes its table. */
const entityOptionsSchema = z.strictObject({
  table: tableName.optional().describe('Table of the entity. Default: the entity name; required for the `table` entity.'),
  fields: z.array(fieldName).min(1).optional().describe('Fields to read (`sysparm_fields`); sys_id, sys_updated_on and sys_mod_count are always added. Default: every field.'),
  displayValue: z
    .enum(['false', 'true', 'all'])
    .default('false')
    .describe('`false`: stored values (sys_ids for references); `true`: display values (labels, names); `all`: `{ display_value, value }` per field.'),
  excludeReferenceLink: z.boolean().default(true).describe('Leave out the API links of reference fields, so a reference is its plain value.'),
  query: encodedQuery.optional().describe('Encoded query every read of the entity is limited to, e.g. `active=true^priority<=2`. A flow\'s filter is AND-ed to it.'),
  correlationField: fieldName
    .nullable()
    .optional()
    .describe("Field that stores the hub's id on create, so a create retried after a crash finds its record. Default: `correlation_id` where the table has it; null turns it off."),
  correlationDisplayField: fieldName.nullable().optional().describe('Field set to `ihub` on create. Default: `correlation_display` on task tables; null turns it off.'),
  softDelete: z
    .record(fieldName, z.union([z.string(), z.number(), z.boolean()]))
    .refine((fields) => Object.keys(fields).length > 0, 'name at least one field')
    .optional()
    .describe('A delete sets these fields instead of removing the record, e.g. `{ active: "false" }` for users, whom tasks keep referring to. Default: records are deleted.'),
});

const entitiesSchema = z
  .strictObject(Object.fromEntries(ENTITY_NAMES.map((name) => [name, entityOptionsSchema.optional()])) as Record<EntityName, z.ZodOptional<typeof entityOptionsSchema>>)
  .superRefine((entities, ctx) => {
    if (entities.table && !entities.table.table) ctx.addIssue({ code: 'custom', path: ['table', 'table'], message: 'name the table the `table` entity reads and writes, e.g. u_asset_request' });
  });

const username = z.string().min(1).describe('User name of the integration user.');
const clientId = z.string().min(1).describe('Client id of the OAuth application (System OAuth > Application Registry).');
const clientSecret = secret(z.string().min(1)).describe('Client secret of the OAuth application.');

const authSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('basic'), username, password: secret(z.string().min(1)).describe('Password of the integration user.') }),
  z.strictObject({ method: z.literal('oauth2-password'), clientId, clientSecret, username, password: secret(z.string().min(1)).describe('Password of the integration user.') }),
  z.strictObject({
    method: z.literal('oauth2-refresh-token'),
    clientId,
    clientSecret,
    refreshToken: secret(z.string().min(1)).describe('A refresh token issued to the integration user (valid 100 days by default).'),
  }),
]);

const inboundSchema = z
  .strictObject({
    secret: secret(z.string().min(16))
      .optional()
      .describe('Shared secret: the header named `signatureHeader` must carry the HMAC-SHA256 of the raw body, hex or base64.'),
    token: secret(z.string().min(16)).optional().describe('Static token: the header named `tokenHeader` must carry it.'),
    signatureHeader: z.string().min(1).default('x-servicenow-signature').describe('Header holding the HMAC signature.'),
    tokenHeader: z.string().min(1).default('x-ihub-token').describe('Header holding the static token.'),
  })
  .refine((inbound) => inbound.secret !== undefined || inbound.token !== undefined, 'give a secret (HMAC signatures), a token (a static header), or both');

const retrySchema = z.strictObject({
  retries: z.int().min(0).max(10).optional().describe('Retries after the first attempt. Default 5.'),
  baseDelayMs: z.int().min(0).optional().describe('First backoff step. Default 500 ms.'),
  maxDelayMs: z.int().min(0).optional().describe('Longest backoff step. Default 60 s.'),
  maxRetryAfterMs: z.int().min(0).optional().describe('Longest Retry-After waited for in process; a longer one fails the call as throttled. Default 5 min.'),
});

/** Connection config of one ServiceNow integration: `{ ...settings, endpoint, auth }`. */
export const configSchema = z.strictObject({
  endpoint: z
    .url({ protocol: /^https?$/ })
    .refine((url) => !/[?#]/.test(url), 'must be the instance URL without a query or fragment')
    .describe('Instance URL, e.g. `https://acme.service-now.com`.'),
  auth: authSchema.describe('Basic auth, or OAuth with the password or refresh-token grant.'),
  entities: entitiesSchema.default({}).describe('Per-entity settings: table, fields, display values, query, correlation fields.'),
  inbound: inboundSchema.optional().describe('How to verify change notifications ServiceNow posts to /hooks/{integrationId}.'),
  timeoutMs: z.int().positive().default(30_000).describe('How long a call may wait for an answer.'),
  retry: retrySchema.optional().describe('Retry and backoff of calls the instance answers 429, 5xx or not at all.'),
});

export type ServiceNowConfig = z.output<typeof configSchema>;
