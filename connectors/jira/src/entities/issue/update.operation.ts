import type { ConnectorContext, WriteResult } from '@ihub/plugin-kit';
import { adfToMarkdown } from '../../adf/adf-to-markdown';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { LABEL_PREFIX } from './correlation';
import { parseIssueWrite, toJiraFields } from './issue-write';
import { moveToStatus } from './status-transition';

type Current = { fields?: { labels?: unknown; description?: unknown } };

/**
 * Updates an issue's fields, then its status through a workflow transition.
 * - Labels replace the issue's labels, except the connector's own (`ihub-…`), which are kept so
 *   the issue stays findable by its correlation id.
 * - A description whose Markdown is what the issue already reads as is not sent: its ADF may
 *   hold what Markdown cannot (media, panels), which rewriting it would lose.
 */
export async function updateIssue(ctx: ConnectorContext<JiraConfig, JiraClient>, id: string, data: Record<string, unknown>): Promise<WriteResult> {
  const client = ctx.client.withSignal(ctx.signal);
  const write = parseIssueWrite(data);
  const fields = toJiraFields(write, ctx.config, 'update');
  const needed = [...(write.labels !== undefined ? ['labels'] : []), ...(write.description !== undefined ? ['description'] : [])];
  const current = needed.length > 0 ? ((await client.getIssue(id, needed)) as Current).fields : undefined;
  if (write.labels !== undefined) {
    const own = Array.isArray(current?.labels) ? current.labels.filter((l): l is string => typeof l === 'string' && l.startsWith(LABEL_PREFIX)) : [];
    fields.labels = [...write.labels, ...own];
  }
  if (write.description !== undefined && sameDescription(current?.description, write.description)) delete fields.description;
  if (Object.keys(fields).length > 0) await client.editIssue(id, { fields });
  if (write.status !== undefined) await moveToStatus(client, ctx.config, id, write.status);
  return { id };
}

/** True when the issue's ADF description reads as `markdown` (as records show it: an empty one as null). */
function sameDescription(adf: unknown, markdown: string | null): boolean {
  const now = adf && typeof adf === 'object' ? adfToMarkdown(adf) || null : null;
  return now === (markdown?.trim() ? markdown : null);
}
