import { RecordInvalidError, z, type SourceRecord } from '@ihub/plugin-kit';
import { adfToMarkdown } from '../../adf/adf-to-markdown';
import { jiraTimestampToIso, parseJiraTimestamp } from '../../time/jira-timestamp';
import { commentRecordId } from './comment-id';

const timestamp = z.string().refine((v) => parseJiraTimestamp(v) !== undefined, 'is not a Jira timestamp');

/** Jira's raw comment JSON, as far as the connector reads it. */
export const rawCommentSchema = z.looseObject({
  id: z.string().min(1),
  body: z.looseObject({ type: z.literal('doc'), content: z.array(z.unknown()) }).nullish(),
  author: z.looseObject({ accountId: z.string() }).nullish(),
  created: timestamp,
  updated: timestamp,
});

/** `updated` of a raw comment in epoch ms, when it can be read. */
export const commentUpdatedMs = (raw: unknown): number | undefined => parseJiraTimestamp((raw as { updated?: unknown } | null)?.updated);

/** The record of a raw comment of issue `issueId`: body as Markdown; `invalid` when it cannot be read. */
export function toCommentRecord(issueId: string, raw: unknown): SourceRecord | undefined {
  const parsed = rawCommentSchema.safeParse(raw);
  if (!parsed.success) {
    const commentId = (raw as { id?: unknown } | null)?.id;
    if (typeof commentId !== 'string' || !commentId) return undefined;
    const id = commentRecordId(issueId, commentId);
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(comment)'}: ${i.message}`);
    return { id, data: { issue: issueId }, invalid: new RecordInvalidError(`jira comment ${id} cannot be read: ${problems.join('; ')}`, { id, problems }) };
  }
  const comment = parsed.data;
  const updated = jiraTimestampToIso(comment.updated)!;
  return {
    id: commentRecordId(issueId, comment.id),
    data: {
      issue: issueId,
      body: comment.body ? adfToMarkdown(comment.body) : '',
      author: comment.author?.accountId ?? null,
      created: jiraTimestampToIso(comment.created)!,
      updated,
    },
    updatedAt: updated,
  };
}
