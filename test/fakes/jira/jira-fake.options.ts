import type { FakeIssueType, FakePriority, FakeProject, FakeUser, FakeWorkflow } from './store/fake-model';

/** How to start the fake; every option has a default. */
export interface JiraFakeOptions {
  /** Issues seeded into the first project. Default 5. */
  issues?: number;
  /** Default one project, `DEMO`. */
  projects?: FakeProject[];
  /**
   * The most issues one search page holds, whatever `maxResults` asks. Jira returns fewer issues
   * than asked when many fields are requested; clients must follow `nextPageToken`, not count. Default 100.
   */
  pageSize?: number;
  /** Statuses and transitions. Default: To Do → In Progress → Done, with Stop progress and Reopen back to To Do. */
  workflow?: FakeWorkflow;
  /** The API-token user (HTTP basic auth). */
  basic?: { email: string; apiToken: string };
  /** The OAuth 2.0 (3LO) access token and the site's cloud id, for `/ex/jira/{cloudId}/rest/api/3/...`. */
  oauth?: { accessToken: string; cloudId: string };
  /** The authenticated user's time zone. Default `UTC`. */
  timeZone?: string;
  /**
   * Issue property keys searchable in JQL (`issue.property[key].path = value`). Jira indexes a
   * property only when an app declares it, so by default none is.
   */
  indexedProperties?: string[];
  /** Where the clock starts (ISO or epoch ms); when given, the clock stands still (see FakeClock). Default: real time. */
  startTime?: string | number;
  /** Time between the `updated` of consecutive seeded issues, in ms. Default 20 s, so that issues share minutes. */
  seedSpacingMs?: number;
  /** How long a `nextPageToken` stays valid. Jira: 7 days. */
  pageTokenTtlMs?: number;
}

export const DEFAULT_WORKFLOW: FakeWorkflow = {
  statuses: [
    { id: '10000', name: 'To Do', category: 'new' },
    { id: '3', name: 'In Progress', category: 'indeterminate' },
    { id: '10001', name: 'Done', category: 'done' },
  ],
  transitions: [
    { id: '21', name: 'Start progress', from: ['To Do'], to: 'In Progress' },
    { id: '31', name: 'Resolve', from: ['In Progress'], to: 'Done' },
    { id: '11', name: 'Stop progress', from: ['In Progress'], to: 'To Do' },
    { id: '41', name: 'Reopen', from: ['Done'], to: 'To Do' },
  ],
  initial: 'To Do',
};

export const ISSUE_TYPES: FakeIssueType[] = [
  { id: '10001', name: 'Task' },
  { id: '10002', name: 'Bug' },
  { id: '10003', name: 'Story' },
];

export const PRIORITIES: FakePriority[] = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

/** A second user, so that assignee changes have someone to assign. */
export const OTHER_USER: Omit<FakeUser, 'timeZone'> = { accountId: '712020:grace', displayName: 'Grace Hopper', emailAddress: 'grace@example.com' };

export type ResolvedOptions = Required<Omit<JiraFakeOptions, 'startTime'>> & { startTime?: string | number };

export function resolveOptions(options: JiraFakeOptions): ResolvedOptions {
  return {
    issues: options.issues ?? 5,
    projects: options.projects ?? [{ id: '10000', key: 'DEMO', name: 'Demo project' }],
    pageSize: options.pageSize ?? 100,
    workflow: options.workflow ?? DEFAULT_WORKFLOW,
    basic: options.basic ?? { email: 'ada@example.com', apiToken: 'fake-api-token' },
    oauth: options.oauth ?? { accessToken: 'fake-access-token', cloudId: '0d1f2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b' },
    timeZone: options.timeZone ?? 'UTC',
    indexedProperties: options.indexedProperties ?? [],
    startTime: options.startTime,
    seedSpacingMs: options.seedSpacingMs ?? 20_000,
    pageTokenTtlMs: options.pageTokenTtlMs ?? 7 * 86_400_000,
  };
}
