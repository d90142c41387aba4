import { RecordInvalidError, type ConnectorContext, type WriteResult } from '@ihub/plugin-kit';
import { markdownToAdf } from '../../adf/markdown-to-adf';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { parseCommentRecordId } from './comment-id';
import { toCommentRecord } from './comment-record';
import { parseCommentWrite } from './comment-write';

/**
 * Replaces a comment's body, unless its Markdown is what the comment already reads as (its ADF
 * may hold what Markdown cannot, which rewriting it would lose). A comment cannot move to another
 * issue (an `issue` given as a key is not checked).
 */
export async function updateComment(ctx: ConnectorContext<JiraConfig, JiraClient>, id: string, data: Record<string, unknown>): Promise<WriteResult> {
  const { issueId, commentId } = parseCommentRecordId(id);
  const write = parseCommentWrite(data);
  if (write.issue !== undefined && /^\d+$/.test(write.issue) && write.issue !== issueId) {
    throw new RecordInvalidError(`comment ${id} belongs to issue ${issueId}; a comment cannot move to issue '${write.issue}'`, { id, issue: write.issue });
  }
  const client = ctx.client.withSignal(ctx.signal);
  const current = toCommentRecord(issueId, await client.getComment(issueId, commentId));
  if (!current || current.invalid || current.data.body !== write.body) await client.editComment(issueId, commentId, { body: markdownToAdf(write.body) });
  return { id };
}
