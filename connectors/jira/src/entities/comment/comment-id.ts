import { RecordInvalidError } from '@ihub/plugin-kit';

/**
 * A comment's record id: `<issueId>:<commentId>`. Jira's comment endpoints are under the issue,
 * so the id carries both; both are numeric ids that never change.
 */
export function commentRecordId(issueId: string, commentId: string): string {
  return `${issueId}:${commentId}`;
}

export function parseCommentRecordId(id: string): { issueId: string; commentId: string } {
  const match = /^(\d+):(\d+)$/.exec(id);
  if (!match) throw new RecordInvalidError(`'${id}' is not a Jira comment record id (<issueId>:<commentId>)`, { id });
  return { issueId: match[1], commentId: match[2] };
}
