import { z } from '@ihub/plugin-kit';
import { parseJiraTimestamp } from '../../time/jira-timestamp';

/** Jira's raw issue JSON, as far as the connector reads it (REST API v3: descriptions in ADF). */

const timestamp = z.string().refine((v) => parseJiraTimestamp(v) !== undefined, 'is not a Jira timestamp');
const named = z.looseObject({ name: z.string() });
const account = z.looseObject({ accountId: z.string() });
const adfDocument = z.looseObject({ type: z.literal('doc'), content: z.array(z.unknown()) });

export const historySchema = z.looseObject({
  id: z.string(),
  created: timestamp,
  author: account.nullish(),
  items: z.array(
    z.looseObject({
      field: z.string(),
      from: z.string().nullish(),
      fromString: z.string().nullish(),
      to: z.string().nullish(),
      toString: z.string().nullish(),
    }),
  ),
});

export const rawIssueSchema = z.looseObject({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: z.looseObject({
    summary: z.string(),
    description: adfDocument.nullish(),
    status: z.looseObject({ id: z.string(), name: z.string(), statusCategory: z.looseObject({ key: z.string() }).optional() }),
    issuetype: named,
    project: z.looseObject({ key: z.string() }),
    priority: named.nullish(),
    labels: z.array(z.string()).default([]),
    assignee: account.nullish(),
    reporter: account.nullish(),
    created: timestamp,
    updated: timestamp,
  }),
  // Present with expand=changelog: the most recent entries (newest first) and how many there are in all.
  changelog: z.looseObject({ total: z.number().int().nonnegative(), histories: z.array(historySchema) }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

export type RawIssue = z.infer<typeof rawIssueSchema>;
export type RawHistory = z.infer<typeof historySchema>;
