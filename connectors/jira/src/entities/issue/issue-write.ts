import { RecordInvalidError, z } from '@ihub/plugin-kit';
import { markdownToAdf } from '../../adf/markdown-to-adf';
import type { JiraConfig } from '../../config';
import { LABEL_PREFIX } from './correlation';

const label = z
  .string()
  .min(1)
  .max(255)
  .regex(/^\S+$/, 'must not contain spaces')
  .refine((l) => !l.startsWith(LABEL_PREFIX), `labels starting with '${LABEL_PREFIX}' are reserved for the connector's correlation label`);

/**
 * What a write may hold: the fields of an issue record (see README). Read-only fields are
 * accepted, so that a record read from Jira can be written back, and ignored; anything else is
 * refused, so that a mapping mistake is reported instead of silently dropped.
 */
const issueWriteSchema = z.strictObject({
  project: z.string().min(1).optional(),
  issueType: z.string().min(1).optional(),
  summary: z.string().min(1).max(255).optional(),
  description: z.string().nullable().optional(),
  status: z.string().min(1).optional(),
  priority: z.string().min(1).nullable().optional(),
  labels: z.array(label).optional(),
  assignee: z.string().min(1).nullable().optional(),
  fields: z.record(z.string().regex(/^[\w.-]+$/), z.unknown()).optional(),
  id: z.unknown().optional(),
  key: z.unknown().optional(),
  url: z.unknown().optional(),
  statusCategory: z.unknown().optional(),
  reporter: z.unknown().optional(),
  created: z.unknown().optional(),
  updated: z.unknown().optional(),
  changelog: z.unknown().optional(),
});

export type IssueWrite = z.infer<typeof issueWriteSchema>;

/** The write's data, or a RecordInvalidError naming every field that is wrong. */
export function parseIssueWrite(data: Record<string, unknown>): IssueWrite {
  const parsed = issueWriteSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
  throw new RecordInvalidError(`the issue cannot be written to Jira: ${problems.join('; ')}`, { problems });
}

/**
 * Jira `fields` for a write. Project and issue type are set on create only, defaulting from the
 * config: Jira changes them through its "move" operation, and an edit screen may refuse them.
 * Extra `fields` (custom fields) go as they are, the first-class fields winning over them.
 */
export function toJiraFields(write: IssueWrite, config: JiraConfig, mode: 'create' | 'update'): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...write.fields };
  if (mode === 'create') {
    fields.project = { key: write.project ?? config.projects[0] };
    fields.issuetype = { name: write.issueType ?? config.issueType };
  }
  if (write.summary !== undefined) fields.summary = write.summary;
  // An empty description is no description: Jira would store an empty document.
  if (write.description !== undefined) fields.description = write.description?.trim() ? markdownToAdf(write.description) : null;
  if (write.priority !== undefined) fields.priority = write.priority === null ? null : { name: write.priority };
  if (write.assignee !== undefined) fields.assignee = write.assignee === null ? null : { accountId: write.assignee };
  if (write.labels !== undefined) fields.labels = write.labels;
  return fields;
}
