import { NotFoundError, type ConnectorContext, type SourceRecord } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { parseCommentRecordId } from './comment-id';
import { toCommentRecord } from './comment-record';

/** The comment with record id `<issueId>:<commentId>`, or null when Jira has none. */
export async function getComment(ctx: ConnectorContext<JiraConfig, JiraClient>, id: string): Promise<SourceRecord | null> {
  const { issueId, commentId } = parseCommentRecordId(id);
  try {
    return toCommentRecord(issueId, await ctx.client.withSignal(ctx.signal).getComment(issueId, commentId)) ?? null;
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}
