import type { ConnectorContext, ListPage, ListRequest, SourceRecord } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { walkPage } from '../walk/issue-walk';
import { parseCursor, walkCursorSchema, walkFromJson, walkToJson } from '../walk/walk-cursor';
import { fullChangelog } from './issue-changelog';
import { issueFields, toIssueRecord } from './issue-record';

/**
 * Lists the issues of the configured projects that changed since the cursor, oldest change first
 * (`updated`, then key), one search page per call. See `walkPage` for the boundary and page tokens.
 * Deleted issues do not show in searches: they arrive as tombstones through the inbound webhook.
 */
export async function listIssues(ctx: ConnectorContext<JiraConfig, JiraClient>, request: ListRequest): Promise<ListPage> {
  const client = ctx.client.withSignal(ctx.signal);
  const cursor = parseCursor(request.cursor, walkCursorSchema, () => ctx.logger.warn('jira: ignoring an unreadable issue cursor; reading every issue again'));
  const state = cursor ? walkFromJson(cursor) : { from: null };
  const step = await walkPage(
    client,
    ctx.config,
    state,
    { pageSize: request.pageSize, filter: request.filter, fields: issueFields(ctx.config), expand: ctx.config.changelog ? ['changelog'] : [] },
    ctx.logger,
  );
  const records: SourceRecord[] = [];
  for (const raw of step.changed) {
    const hasId = typeof (raw as { id?: unknown } | null)?.id === 'string';
    const record = toIssueRecord(raw, ctx.config, ctx.config.changelog && hasId ? await fullChangelog(client, raw) : undefined);
    if (record) records.push(record);
    else ctx.logger.warn('jira: skipping a search result without an issue id');
  }
  return { records, cursor: JSON.stringify(walkToJson(step.next)), hasMore: !step.done };
}
