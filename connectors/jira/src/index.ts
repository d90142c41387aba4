import { defineConnector, HubError, type CheckResult, type ConnectorContext } from '@ihub/plugin-kit';
import { configSchema, type JiraConfig } from './config';
import { commentEntity } from './entities/comment-entity';
import { issueEntity } from './entities/issue-entity';
import { readJql } from './entities/walk/jql-builder';
import { webhookHandler } from './inbound/webhook-handler';
import { createJiraClient, type JiraClient } from './transport';

/** Jira Cloud (REST API v3): issues and comments, incremental reads by JQL, idempotent creates, webhooks. */
export default defineConnector<JiraConfig, JiraClient>({
  id: 'jira',
  version: '0.1.0',
  displayName: 'Jira Cloud',
  description: 'Reads and writes Jira Cloud issues and comments through REST API v3, incrementally by JQL, with status changes through workflow transitions.',
  hub: '^0.1.0',
  config: configSchema,
  auth: ['basic', 'bearer'],
  connect: async (ctx) => createJiraClient(ctx.config, ctx.logger),
  check,
  entities: { issue: issueEntity, comment: commentEntity },
  inbound: webhookHandler,
});

export { configSchema, type JiraConfig } from './config';

/**
 * Can the hub sign in and read the configured projects? Asks who the account is, then runs the
 * integration's JQL for one issue (an unknown project or bad JQL fails here). Never throws a HubError.
 */
async function check(ctx: ConnectorContext<JiraConfig, JiraClient>): Promise<CheckResult> {
  const client = ctx.client.withSignal(ctx.signal);
  try {
    const me = await client.myself();
    await client.search({ jql: readJql(ctx.config, undefined, null, me.timeZone ?? 'UTC'), maxResults: 1, fields: ['updated'] });
    return { ok: true, message: `signed in as ${me.displayName ?? me.accountId}; ${ctx.config.projects.join(', ')} readable` };
  } catch (err) {
    if (err instanceof HubError) return { ok: false, message: err.message };
    throw err;
  }
}
