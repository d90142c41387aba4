import { z, type ConnectorContext, type InboundAction, type InboundHandler, type InboundRequest, type SourceRecord } from '@ihub/plugin-kit';
import type { JiraConfig } from '../config';
import { commentRecordId } from '../entities/comment/comment-id';
import { getComment } from '../entities/comment/get.operation';
import { getIssue } from '../entities/issue/get.operation';
import type { JiraClient } from '../transport';
import { isValidSignature } from './webhook-signature';

const webhookSchema = z.looseObject({
  webhookEvent: z.string(),
  issue: z
    .looseObject({
      id: z.string().min(1),
      key: z.string().optional(),
      fields: z.looseObject({ project: z.looseObject({ key: z.string() }).optional() }).optional(),
    })
    .optional(),
  comment: z.looseObject({ id: z.string().min(1) }).optional(),
});

type Webhook = z.infer<typeof webhookSchema>;

const ISSUE_EVENTS = new Set(['jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted']);
const COMMENT_EVENTS = new Set(['comment_created', 'comment_updated', 'comment_deleted']);

function header(request: InboundRequest, name: string): string | undefined {
  const entry = Object.entries(request.headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return Array.isArray(value) ? value[0] : value;
}

const ignored = (reason: string): InboundAction => ({ kind: 'respond', status: 200, body: { ignored: reason } });

/**
 * Jira Cloud webhooks (`/hooks/{integrationId}`): issue and comment events, signed with the
 * webhook's secret in `X-Hub-Signature`. The payload only says what changed: the record is read
 * from the REST API, so records from webhooks look exactly like listed ones (descriptions in
 * ADF, not the payload's own format) and a late or repeated delivery cannot roll a record back.
 * A deletion (or a record gone by the time it is read) becomes a tombstone. Events of other
 * projects, and other events, are acknowledged and ignored.
 */
export const webhookHandler: InboundHandler<JiraConfig, JiraClient> = {
  async handle(ctx, request) {
    const secret = ctx.config.webhookSecret;
    if (!secret) {
      ctx.logger.warn('jira: refused an inbound call: the integration has no webhookSecret, so its origin cannot be checked');
      return { kind: 'respond', status: 401, body: { error: 'this integration accepts no webhooks: configure webhookSecret' } };
    }
    if (!isValidSignature(request.rawBody, header(request, 'x-hub-signature'), secret)) {
      return { kind: 'respond', status: 401, body: { error: 'invalid or missing X-Hub-Signature' } };
    }
    let webhook: Webhook;
    try {
      webhook = webhookSchema.parse(JSON.parse(request.rawBody.toString('utf8')));
    } catch {
      return { kind: 'respond', status: 400, body: { error: 'the body is not a Jira webhook' } };
    }
    const { issue } = webhook;
    if (!issue || !(ISSUE_EVENTS.has(webhook.webhookEvent) || COMMENT_EVENTS.has(webhook.webhookEvent))) return ignored(webhook.webhookEvent);
    const project = issue.fields?.project?.key;
    if (project !== undefined && !ctx.config.projects.includes(project)) return ignored(`project ${project}`);
    if (ISSUE_EVENTS.has(webhook.webhookEvent)) return { kind: 'records', entity: 'issue', records: [await issueRecord(ctx, webhook.webhookEvent, issue)] };
    if (!webhook.comment) return ignored(`${webhook.webhookEvent} without a comment`);
    return { kind: 'records', entity: 'comment', records: [await commentRecord(ctx, webhook.webhookEvent, issue.id, webhook.comment.id)] };
  },
};

async function issueRecord(ctx: ConnectorContext<JiraConfig, JiraClient>, event: string, issue: { id: string; key?: string }): Promise<SourceRecord> {
  const current = event === 'jira:issue_deleted' ? null : await getIssue(ctx, issue.id);
  return current ?? { id: issue.id, data: { id: issue.id, ...(issue.key ? { key: issue.key } : {}) }, deleted: true };
}

async function commentRecord(ctx: ConnectorContext<JiraConfig, JiraClient>, event: string, issueId: string, commentId: string): Promise<SourceRecord> {
  const id = commentRecordId(issueId, commentId);
  const current = event === 'comment_deleted' ? null : await getComment(ctx, id);
  return current ?? { id, data: { issue: issueId }, deleted: true };
}
