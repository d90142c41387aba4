/** The state of the fake site, as plain data: what tests read and what the routes render. */

export interface FakeUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** IANA zone; JQL dates and answer timestamps of this user are in it. */
  timeZone: string;
}

export interface FakeProject {
  id: string;
  key: string;
  name: string;
}

/** `new`, `indeterminate` and `done` are Jira's status categories (To Do, In Progress, Done). */
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface FakeStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface FakeTransition {
  id: string;
  name: string;
  /** Names of the statuses the transition starts from, or `any` for a global transition. */
  from: string[] | 'any';
  /** Name of the status it leads to. */
  to: string;
}

/** One workflow for every issue of the site. */
export interface FakeWorkflow {
  statuses: FakeStatus[];
  transitions: FakeTransition[];
  /** Name of the status new issues start in. */
  initial: string;
}

export interface FakeHistoryItem {
  field: string;
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

/** One entry of an issue's changelog: the items one edit changed. */
export interface FakeHistory {
  id: string;
  authorId: string;
  created: number;
  items: FakeHistoryItem[];
}

export interface FakeComment {
  id: string;
  authorId: string;
  updateAuthorId: string;
  /** Atlassian Document Format, as it was sent. */
  body: unknown;
  created: number;
  updated: number;
  properties: Map<string, unknown>;
}

export interface FakeIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  /** Atlassian Document Format or null, as it was sent. */
  description: unknown;
  statusId: string;
  priorityId: string | null;
  labels: string[];
  assigneeId: string | null;
  reporterId: string;
  created: number;
  updated: number;
  /** `customfield_*` values, as they were sent. */
  custom: Record<string, unknown>;
  properties: Map<string, unknown>;
  comments: FakeComment[];
  /** Oldest first. */
  changelog: FakeHistory[];
  /** When set, the issue is rendered broken in answers (see `faults.malformIssue`). */
  malformed?: boolean;
}

export interface FakeIssueType {
  id: string;
  name: string;
}

export interface FakePriority {
  id: string;
  name: string;
}
