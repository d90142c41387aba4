import { RecordInvalidError, type SourceRecord, type z } from '@ihub/plugin-kit';
import { adfToMarkdown } from '../../adf/adf-to-markdown';
import type { JiraConfig } from '../../config';
import { jiraTimestampToIso } from '../../time/jira-timestamp';
import { LABEL_PREFIX } from './correlation';
import { historySchema, rawIssueSchema, type RawHistory } from './jira-issue.schema';

/** The fields every issue record is built from; configured extra fields are added to them. */
const RECORD_FIELDS = ['summary', 'description', 'status', 'issuetype', 'project', 'priority', 'labels', 'assignee', 'reporter', 'created', 'updated'];

export const issueFields = (config: JiraConfig): string[] => [...new Set([...RECORD_FIELDS, ...config.fields])];

/** One entry of an issue's changelog as records carry it. */
export interface ChangelogEntry {
  id: string;
  created: string;
  author: string | null;
  items: Array<{ field: string; from: string | null; fromString: string | null; to: string | null; toString: string | null }>;
}

const problemsOf = (error: z.ZodError): string[] => error.issues.map((i) => `${i.path.join('.') || '(issue)'}: ${i.message}`);

function changelogEntry(history: RawHistory): ChangelogEntry {
  return {
    id: history.id,
    created: jiraTimestampToIso(history.created)!,
    author: history.author?.accountId ?? null,
    items: history.items.map((i) => ({ field: i.field, from: i.from ?? null, fromString: i.fromString ?? null, to: i.to ?? null, toString: i.toString ?? null })),
  };
}

/**
 * The record of a raw Jira issue: a flat, documented shape (see README) with the description as
 * Markdown and the connector's own labels left out. An issue that cannot be read becomes a record
 * with `invalid` set, so the hub reports it and goes on; one without even an id is left out.
 * `changelog` is the issue's full history, oldest first, when the integration reads changelogs.
 */
export function toIssueRecord(raw: unknown, config: JiraConfig, changelog?: unknown[]): SourceRecord | undefined {
  const parsed = rawIssueSchema.safeParse(raw);
  const histories = changelog === undefined ? undefined : historySchema.array().safeParse(changelog);
  if (!parsed.success || (histories && !histories.success)) {
    const loose = raw as { id?: unknown; key?: unknown } | null;
    const id = typeof loose?.id === 'string' && loose.id ? loose.id : undefined;
    if (!id) return undefined;
    const key = typeof loose?.key === 'string' ? loose.key : undefined;
    const problems = [...(parsed.success ? [] : problemsOf(parsed.error)), ...(histories && !histories.success ? problemsOf(histories.error).map((p) => `changelog.${p}`) : [])];
    return {
      id,
      data: { id, ...(key ? { key } : {}) },
      invalid: new RecordInvalidError(`jira issue ${key ?? id} cannot be read: ${problems.join('; ')}`, { id, key, problems }),
    };
  }
  const { id, key, fields } = parsed.data;
  const updated = jiraTimestampToIso(fields.updated)!;
  const all = (raw as { fields: Record<string, unknown> }).fields;
  const data: Record<string, unknown> = {
    id,
    key,
    url: `${config.siteUrl.replace(/\/+$/, '')}/browse/${key}`,
    project: fields.project.key,
    issueType: fields.issuetype.name,
    summary: fields.summary,
    description: fields.description ? adfToMarkdown(fields.description) || null : null,
    status: fields.status.name,
    statusCategory: fields.status.statusCategory?.key ?? null,
    priority: fields.priority?.name ?? null,
    labels: fields.labels.filter((l) => !l.startsWith(LABEL_PREFIX)),
    assignee: fields.assignee?.accountId ?? null,
    reporter: fields.reporter?.accountId ?? null,
    created: jiraTimestampToIso(fields.created)!,
    updated,
  };
  if (config.fields.length > 0) data.fields = Object.fromEntries(config.fields.map((f) => [f, all[f] ?? null]));
  if (histories?.success) data.changelog = histories.data.map(changelogEntry);
  return { id, data, updatedAt: updated };
}
