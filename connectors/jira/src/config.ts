import { secret, z } from '@ihub/plugin-kit';

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;

const basicAuth = z.strictObject({
  type: z.literal('basic'),
  email: z.email().describe('Email address of the Atlassian account the hub acts as.'),
  apiToken: secret(z.string().min(1)).describe('API token of that account (id.atlassian.com → Security → API tokens).'),
});

const oauth2Auth = z.strictObject({
  type: z.literal('oauth2'),
  accessToken: secret(z.string().min(1)).describe('OAuth 2.0 (3LO) access token with the read:jira-work and write:jira-work scopes.'),
  cloudId: z.string().min(1).describe('The site\'s cloud id (from https://api.atlassian.com/oauth/token/accessible-resources).'),
  apiUrl: z.url({ protocol: /^https?$/ }).default('https://api.atlassian.com').describe('The API gateway OAuth calls go through: {apiUrl}/ex/jira/{cloudId}/rest/api/3.'),
});

/** Connection config of one Jira Cloud site. */
export const configSchema = z
  .strictObject({
    siteUrl: z.url({ protocol: /^https?$/ }).describe('The site, e.g. https://acme.atlassian.net. Basic-auth calls go to it; records link to issues on it.'),
    auth: z.discriminatedUnion('type', [basicAuth, oauth2Auth]).describe('Email and API token (basic), or an OAuth 2.0 access token (oauth2).'),
    projects: z
      .array(z.string().regex(PROJECT_KEY, 'must be a Jira project key: upper-case letters, digits and _, starting with a letter'))
      .min(1)
      .describe('Keys of the projects the integration reads; the first is where issues are created unless a record names its project.'),
    jql: z
      .string()
      .min(1)
      .refine((jql) => !/\border\s+by\b/i.test(jql), 'must not contain ORDER BY: the connector orders by updated and key itself')
      .optional()
      .describe('Further JQL restriction, ANDed with the projects, e.g. `issuetype = Bug`.'),
    fields: z
      .array(z.string().regex(/^[\w.-]+$/, 'must be a Jira field id, e.g. customfield_10010'))
      .default([])
      .describe('Further fields to read (custom fields by id); they appear under `fields` in each record.'),
    changelog: z.boolean().default(false).describe('Attach each issue\'s full changelog to its record as `changelog`.'),
    issueType: z.string().min(1).default('Task').describe('Issue type of created issues unless a record names one.'),
    statusTransitions: z
      .record(z.string().min(1), z.string().min(1))
      .default({})
      .describe('Target status → name or id of the transition to take to reach it, where a workflow offers several.'),
    webhookSecret: secret(z.string().min(1)).optional().describe('The secret of the Jira webhook that calls /hooks/{integrationId}; without it, inbound calls are refused.'),
    timeoutMs: z.number().int().positive().default(30_000).describe('How long one HTTP call may take.'),
  })
  .superRefine((config, ctx) => {
    if (new Set(config.projects).size !== config.projects.length) ctx.addIssue({ code: 'custom', path: ['projects'], message: 'must not repeat a project' });
  });

export type JiraConfig = z.output<typeof configSchema>;

/** Where REST API v3 calls go: the site for basic auth, the API gateway for OAuth 2.0. */
export function apiBaseUrl(config: JiraConfig): string {
  const root = config.auth.type === 'basic' ? config.siteUrl : `${config.auth.apiUrl.replace(/\/+$/, '')}/ex/jira/${encodeURIComponent(config.auth.cloudId)}`;
  return `${root.replace(/\/+$/, '')}/rest/api/3`;
}
