import { createHmac } from 'node:crypto';
import type { JiraFake } from './jira-fake';

export type IssueWebhookEvent = 'jira:issue_created' | 'jira:issue_updated' | 'jira:issue_deleted';
export type CommentWebhookEvent = 'comment_created' | 'comment_updated' | 'comment_deleted';

/**
 * The body Jira Cloud posts to a webhook for an issue event: `timestamp`, `webhookEvent`,
 * `issue_event_type_name`, the acting `user` and the `issue` with all its fields.
 */
export function issueWebhook(fake: JiraFake, event: IssueWebhookEvent, idOrKey: string): Record<string, unknown> {
  const issue = fake.store.findIssue(idOrKey);
  if (!issue) throw new Error(`jira fake: no issue '${idOrKey}'`);
  const view = fake.viewFor();
  return {
    timestamp: fake.clock.now(),
    webhookEvent: event,
    issue_event_type_name: event.replace('jira:', ''),
    user: view.user(fake.store.user),
    issue: view.issue(issue, { fields: ['*all'], expand: new Set(), properties: [], changelogLimit: 0 }),
  };
}

/** The body Jira Cloud posts for a comment event: the `comment` and a summary of its `issue`. */
export function commentWebhook(fake: JiraFake, event: CommentWebhookEvent, idOrKey: string, commentId: string): Record<string, unknown> {
  const issue = fake.store.findIssue(idOrKey);
  const comment = issue?.comments.find((c) => c.id === commentId);
  if (!issue || !comment) throw new Error(`jira fake: no comment '${commentId}' on issue '${idOrKey}'`);
  const view = fake.viewFor();
  return {
    timestamp: fake.clock.now(),
    webhookEvent: event,
    comment: view.comment(issue, comment),
    issue: view.issue(issue, { fields: ['summary', 'issuetype', 'project', 'status', 'priority', 'assignee'], expand: new Set(), properties: [], changelogLimit: 0 }),
  };
}

/** `X-Hub-Signature` for a webhook body: `sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's secret. */
export function signWebhook(rawBody: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
