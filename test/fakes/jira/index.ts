/**
 * A wire-faithful fake of Jira Cloud's REST API v3, for connector tests and benchmarks.
 * See README.md for what it speaks, its options, fault injection and state.
 */
export { startJiraFake, type JiraFake, type RecordedRequest } from './jira-fake';
export { DEFAULT_WORKFLOW, type JiraFakeOptions } from './jira-fake.options';
export type { FaultControls, FaultScope } from './faults';
export type { FakeClock } from './fake-clock';
export type { FakeStore, IssueChanges, NewIssue } from './store/fake-store';
export type { FakeComment, FakeHistory, FakeIssue, FakeProject, FakeStatus, FakeTransition, FakeUser, FakeWorkflow } from './store/fake-model';
export { adfParagraph } from './seed';
export { issueWebhook, commentWebhook, signWebhook, type IssueWebhookEvent, type CommentWebhookEvent } from './webhooks';
export { formatJiraTimestamp, parseJqlDate } from './jira-time';
