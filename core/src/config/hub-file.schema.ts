import { z } from 'zod';
import { slugSchema } from './config-primitives.schema';
import { tenantWebhookSchema, webhookSettingsSchema } from '../webhooks/webhook-settings.schema';

export const DEFAULT_TENANT_CODE = 'default';
export const DEFAULT_PAGE_SIZE = 500;

/** Page sizes any flow may ask a connector for; the upper bound keeps one page in memory comfortably. */
export const pageSizeSchema = z.number().int().min(1).max(10_000);

export const tenantSchema = z
  .strictObject({
    code: slugSchema.describe('Tenant code: a lower-case slug, unique in the hub. Integration files name their tenant by it.'),
    name: z.string().min(1).optional().describe('Display name; defaults to the code.'),
    webhooks: tenantWebhookSchema.prefault({}),
  })
  .describe('A tenant: every integration, flow and record belongs to exactly one.');

const pluginsSchema = z
  .strictObject({
    paths: z
      .array(z.string().min(1))
      .default([])
      .describe('Folders holding connector packages, relative to this file.'),
    packages: z
      .array(z.string().min(1))
      .default([])
      .describe('npm package names of connector packages installed next to the hub.'),
  })
  .describe('Where to find connector plugins besides the ones bundled in `connectors/`.');

const hubSettingsSchema = z.strictObject({
  name: z.string().min(1).default('ihub').describe('Name of this hub, shown in logs and the dashboard.'),
  transporter: z
    .string()
    .min(1)
    .optional()
    .describe('Moleculer transporter joining hub processes into one cluster, e.g. `nats://127.0.0.1:4222`. Absent: in-process. The IHUB_TRANSPORTER environment variable overrides it.'),
  database: z
    .string()
    .regex(/^(sqlite:.+|(mysql|mariadb):\/\/.+)$/, 'must be `sqlite:<file>` or `mysql://user:pass@host:port/db` (`mariadb://` also works)')
    .optional()
    .describe('`sqlite:<file>` (relative to this file) or `mysql://user:pass@host:3306/db`. Absent: `sqlite:../data/ihub.sqlite`. The IHUB_DATABASE environment variable overrides it.'),
  integrationsDir: z
    .string()
    .min(1)
    .default('integrations')
    .describe('Folder of integration files (`*.yaml`), relative to this file.'),
  plugins: pluginsSchema.prefault({}),
  scheduler: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Run flows on their `schedule`. Off: flows run only when started by hand, API or webhook.'),
    })
    .prefault({}),
  api: z
    .strictObject({
      enabled: z.boolean().default(true).describe('Serve the REST API from this node (`ihub start`).'),
      port: z.number().int().min(0).max(65535).default(3000).describe('TCP port of the API; 0 picks a free one. IHUB_API_PORT overrides it.'),
      host: z.string().min(1).default('0.0.0.0').describe('Address to listen on. IHUB_API_HOST overrides it.'),
      bodyLimit: z.string().regex(/^\d+(kb|mb)$/).default('1mb').describe('Largest accepted request body, e.g. `1mb`.'),
      operatorTenant: slugSchema.default('default').describe('Tenant whose admin credentials may list, create and suspend the other tenants.'),
      rateLimit: z
        .strictObject({
          perKey: z.strictObject({ points: z.number().int().min(1), windowSeconds: z.number().int().min(1) }).prefault({ points: 600, windowSeconds: 60 }).describe('Requests one API key or OAuth client may make per window.'),
          perTenant: z.strictObject({ points: z.number().int().min(1), windowSeconds: z.number().int().min(1) }).prefault({ points: 3000, windowSeconds: 60 }).describe('Requests all credentials of one tenant may make per window.'),
        })
        .prefault({})
        .describe('Budgets shared by every node of the cluster through the database.'),
    })
    .prefault({}),
  sync: z
    .strictObject({
      pageSize: pageSizeSchema.default(DEFAULT_PAGE_SIZE).describe('Records per page a flow asks its source for, unless the flow sets its own.'),
    })
    .prefault({}),
  webhooks: webhookSettingsSchema.prefault({}),
});

/** `config/hub.yaml`: the hub's own settings and its tenants. Every key is optional. */
export const hubFileSchema = z
  .strictObject({
    hub: hubSettingsSchema.prefault({}).describe('Settings of the hub process.'),
    tenants: z
      .array(tenantSchema)
      .min(1)
      .default([{ code: DEFAULT_TENANT_CODE, name: 'Default tenant', webhooks: { allowPrivateTargets: [] } }])
      .describe('Tenants of this hub. Absent: one tenant, `default`.'),
  })
  .meta({ title: 'ihub hub file', description: 'Settings of an ihub hub (config/hub.yaml) and its tenants.' });

export type HubFileConfig = z.output<typeof hubFileSchema>;
/** The `hub:` section of hub.yaml with defaults applied, paths as written. */
export type HubConfig = HubFileConfig['hub'];
export type TenantConfig = z.output<typeof tenantSchema>;
