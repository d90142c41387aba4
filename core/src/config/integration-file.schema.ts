import { z } from 'zod';
import { cronScheduleSchema, jsonataExpressionSchema, slugSchema } from './config-primitives.schema';
import { DEFAULT_TENANT_CODE, pageSizeSchema } from './hub-file.schema';
import { webhookConfigSchema } from '../webhooks/subscription.schema';

const fieldMappingSchema = (description: string) =>
  z
    .record(z.string().min(1), jsonataExpressionSchema)
    .refine((m) => Object.keys(m).length > 0, 'must map at least one field')
    .meta({ description, minProperties: 1 });

// Free-form on purpose: their shape belongs to the connector, whose own schema checks them.
const connectorOwnedObject = (description: string) => z.record(z.string(), z.unknown()).describe(description);

export const integrationSchema = z
  .strictObject({
    name: slugSchema.describe('Name of the integration, unique in its tenant across all integration files. Flows refer to it by this name.'),
    connector: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a connector id: lower-case letters, digits and dashes')
      .describe('Id of an installed connector, e.g. `servicenow`, `csv`.'),
    description: z.string().optional(),
    endpoint: z.string().min(1).optional().describe('Base URL (or address) of the external system, when the connector needs one.'),
    auth: connectorOwnedObject('How to authenticate, e.g. `{ method: basic, username: u, password: ${SNOW_PASSWORD} }`. Put secrets in environment variables.').optional(),
    settings: connectorOwnedObject("The connector's other connection settings; see the connector's documentation.").optional(),
  })
  .describe('One configured, authenticated instance of a connector. The connector receives `{ ...settings, endpoint, auth }` as its connection config.');

export const flowTargetSchema = z
  .strictObject({
    integration: slugSchema.describe('Name of the integration written to (same tenant).'),
    entity: z.string().min(1).describe("Entity of the target connector written to, e.g. `sys_user`."),
    mapping: fieldMappingSchema('Target field → JSONata expression over the canonical record. Absent: the canonical record is written as is.').optional(),
    reverseMapping: fieldMappingSchema('Canonical field → JSONata expression over the target record. Required when the flow is two-way.').optional(),
  })
  .describe('Where a flow writes its canonical records.');

export const flowSchema = z
  .strictObject({
    name: slugSchema.describe('Name of the flow, unique in its tenant across all integration files.'),
    description: z.string().optional(),
    entity: slugSchema.describe('Canonical entity type the flow produces, e.g. `person`.'),
    source: z
      .strictObject({
        integration: slugSchema.describe('Name of the integration read from (same tenant).'),
        entity: z.string().min(1).describe('Entity of the source connector read from, e.g. `people`.'),
        filter: z.string().optional().describe("Source-side filter in the connector's own language (an encoded query, JQL, an LDAP filter…)."),
      })
      .describe('Where the flow reads records from.'),
    mapping: fieldMappingSchema("Canonical field → JSONata expression evaluated on the source record's data."),
    reverseMapping: fieldMappingSchema('Source field → JSONata expression over the canonical record, for writing back to the source in a two-way flow. Absent: the canonical record is written as is.').optional(),
    targets: z.array(flowTargetSchema).min(1, 'a flow needs at least one target').describe('Integrations the canonical records are written to.'),
    direction: z
      .enum(['one-way', 'two-way'])
      .default('one-way')
      .describe('`two-way` also writes changes of the (single) target back to the source, through its `reverseMapping`.'),
    schedule: cronScheduleSchema.optional().describe('When the scheduler runs the flow: a cron expression, e.g. `*/5 * * * *`. Absent: only on demand or webhook.'),
    deletes: z
      .enum(['propagate', 'ignore'])
      .default('propagate')
      .describe('What a record deleted at the source does to the targets.'),
    deleteThreshold: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe('Largest share (0–1) of a stream\'s records that one complete pass of a snapshot source may delete; a pass that would delete more fails the run instead, protecting targets from an emptied or truncated source.'),
    pageSize: pageSizeSchema.optional().describe('Records per page asked from the source. Absent: `hub.sync.pageSize`.'),
    enabled: z.boolean().default(true).describe('A disabled flow is validated and stored as paused: the scheduler does not run it; `ihub sync` and the API still can.'),
  })
  .describe('How records move from a source integration, through the canonical entity, to target integrations.');

/** `config/integrations/*.yaml`: integrations and flows of one tenant. */
export const integrationFileSchema = z
  .strictObject({
    tenant: slugSchema.default(DEFAULT_TENANT_CODE).describe('Code of the tenant (declared in hub.yaml) everything in this file belongs to.'),
    integrations: z.array(integrationSchema).default([]).describe('Connections to external systems, each through a connector.'),
    flows: z.array(flowSchema).default([]).describe('Flows between the integrations of this tenant (declared in any of its files).'),
    webhooks: z.array(webhookConfigSchema).default([]).describe('Webhook subscriptions of this tenant.'),
  })
  .meta({
    title: 'ihub integration file',
    description: 'Integrations and flows of one tenant (config/integrations/*.yaml). Add `# yaml-language-server: $schema=../schema/integrations.schema.json` as the first line for editor help.',
  });

export type IntegrationFileConfig = z.output<typeof integrationFileSchema>;
export type IntegrationConfig = z.output<typeof integrationSchema>;
export type FlowConfig = z.output<typeof flowSchema>;
export type FlowTargetConfig = z.output<typeof flowTargetSchema>;
