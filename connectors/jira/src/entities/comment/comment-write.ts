import { RecordInvalidError, z } from '@ihub/plugin-kit';

/** What a comment write may hold; read-only fields of a comment record are accepted and ignored. */
const commentWriteSchema = z.strictObject({
  issue: z.string().min(1).optional().describe('Id or key of the issue; required to create.'),
  body: z.string().refine((b) => b.trim() !== '', 'must not be empty').describe('The comment, as Markdown or plain text.'),
  author: z.unknown().optional(),
  created: z.unknown().optional(),
  updated: z.unknown().optional(),
});

export type CommentWrite = z.infer<typeof commentWriteSchema>;

export function parseCommentWrite(data: Record<string, unknown>): CommentWrite {
  const parsed = commentWriteSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
  throw new RecordInvalidError(`the comment cannot be written to Jira: ${problems.join('; ')}`, { problems });
}
