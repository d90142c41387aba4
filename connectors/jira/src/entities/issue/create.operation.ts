import type { ConnectorContext, CreateOptions, WriteResult } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { correlationLabel, correlationProperty, findIssueByCorrelation } from './correlation';
import { parseIssueWrite, toJiraFields } from './issue-write';
import { moveToStatus } from './status-transition';

/**
 * Creates an issue carrying the hub's correlation id twice: as the issue property
 * `ihub.correlation` and as the label `ihub-<id>` (the label is what a search can find). When an
 * earlier attempt may have succeeded (`mayExist`), the issue it created is looked up first and
 * returned instead of creating a second one. A `status` is reached through a workflow transition
 * after the create, also for an issue found that way (the crash may have come before it).
 */
export async function createIssue(ctx: ConnectorContext<JiraConfig, JiraClient>, data: Record<string, unknown>, options: CreateOptions): Promise<WriteResult> {
  const client = ctx.client.withSignal(ctx.signal);
  const write = parseIssueWrite(data);
  const existing = options.mayExist ? await findIssueByCorrelation(client, options.correlationId) : undefined;
  let id = existing;
  if (!id) {
    const fields = toJiraFields(write, ctx.config, 'create');
    fields.labels = [...(write.labels ?? []), correlationLabel(options.correlationId)];
    id = (await client.createIssue({ fields, properties: [correlationProperty(options.correlationId)] })).id;
  }
  if (write.status !== undefined) await moveToStatus(client, ctx.config, id, write.status);
  return { id };
}
