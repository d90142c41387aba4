import { RecordInvalidError, type ConnectorContext, type CreateOptions, type WriteResult } from '@ihub/plugin-kit';
import { markdownToAdf } from '../../adf/markdown-to-adf';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { correlationProperty } from '../issue/correlation';
import { commentRecordId } from './comment-id';
import { findCommentByCorrelation } from './comment-correlation';
import { parseCommentWrite } from './comment-write';

/** The numeric id of the issue a write names by id or key. */
async function issueIdOf(client: JiraClient, issue: string): Promise<string> {
  if (/^\d+$/.test(issue)) return issue;
  const found = (await client.getIssue(issue, ['created'])) as { id?: unknown };
  if (typeof found.id !== 'string') throw new RecordInvalidError(`Jira did not return the id of issue '${issue}'`, { issue });
  return found.id;
}

/**
 * Adds a comment to the issue named by `issue`, carrying the hub's correlation id in the comment
 * property `ihub.correlation`. With `mayExist`, a comment created by an earlier attempt is looked
 * up first and returned instead of posting it twice.
 */
export async function createComment(ctx: ConnectorContext<JiraConfig, JiraClient>, data: Record<string, unknown>, options: CreateOptions): Promise<WriteResult> {
  const client = ctx.client.withSignal(ctx.signal);
  const write = parseCommentWrite(data);
  if (!write.issue) throw new RecordInvalidError('a new comment needs `issue`: the id or key of the issue to comment on', { field: 'issue' });
  const issueId = await issueIdOf(client, write.issue);
  const existing = options.mayExist ? await findCommentByCorrelation(client, issueId, options.correlationId) : undefined;
  if (existing) return { id: commentRecordId(issueId, existing) };
  const created = (await client.addComment(issueId, { body: markdownToAdf(write.body), properties: [correlationProperty(options.correlationId)] })) as { id?: unknown };
  if (typeof created.id !== 'string') throw new RecordInvalidError(`Jira did not return the id of the comment added to issue ${issueId}`, { issue: issueId });
  return { id: commentRecordId(issueId, created.id) };
}
