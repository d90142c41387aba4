import { NotFoundError, type ConnectorContext, type SourceRecord } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { fullChangelog } from './issue-changelog';
import { issueFields, toIssueRecord } from './issue-record';

/** The issue with id (or key) `id`, or null when Jira has none (or the account may not see it). */
export async function getIssue(ctx: ConnectorContext<JiraConfig, JiraClient>, id: string): Promise<SourceRecord | null> {
  const client = ctx.client.withSignal(ctx.signal);
  let raw: unknown;
  try {
    raw = await client.getIssue(id, issueFields(ctx.config), ctx.config.changelog ? ['changelog'] : []);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
  return toIssueRecord(raw, ctx.config, ctx.config.changelog ? await fullChangelog(client, raw) : undefined) ?? null;
}
