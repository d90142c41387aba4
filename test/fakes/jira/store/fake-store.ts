import type { FakeClock } from '../fake-clock';
import { ISSUE_TYPES, OTHER_USER, PRIORITIES, type ResolvedOptions } from '../jira-fake.options';
import type { FakeComment, FakeHistoryItem, FakeIssue, FakeIssueType, FakePriority, FakeProject, FakeStatus, FakeTransition, FakeUser, FakeWorkflow } from './fake-model';

/** What an edit may change; the routes have validated every value. */
export interface IssueChanges {
  summary?: string;
  description?: unknown;
  issueTypeId?: string;
  priorityId?: string | null;
  labels?: string[];
  assigneeId?: string | null;
  custom?: Record<string, unknown>;
}

export interface NewIssue extends IssueChanges {
  projectId: string;
  issueTypeId: string;
  summary: string;
  properties?: Array<{ key: string; value: unknown }>;
}

/**
 * The fake site's data and every change to it. Each change stamps the clock, bumps `updated` and
 * writes the changelog as Jira does, so what the routes read back behaves like a real site.
 */
export class FakeStore {
  readonly issues = new Map<string, FakeIssue>();
  readonly projects: FakeProject[];
  readonly workflow: FakeWorkflow;
  readonly issueTypes: FakeIssueType[] = ISSUE_TYPES;
  readonly priorities: FakePriority[] = PRIORITIES;
  readonly user: FakeUser;
  readonly users: FakeUser[];
  private nextIssueId = 10001;
  private nextCommentId = 20001;
  private nextHistoryId = 30001;
  private readonly keyCounters = new Map<string, number>();

  constructor(
    options: ResolvedOptions,
    readonly clock: FakeClock,
  ) {
    this.projects = options.projects;
    this.workflow = options.workflow;
    this.user = { accountId: '557058:ada', displayName: 'Ada Lovelace', emailAddress: options.basic.email, timeZone: options.timeZone };
    this.users = [this.user, { ...OTHER_USER, timeZone: options.timeZone }];
  }

  findIssue(idOrKey: string): FakeIssue | undefined {
    const byId = this.issues.get(idOrKey);
    if (byId) return byId;
    const key = idOrKey.toUpperCase();
    for (const issue of this.issues.values()) if (issue.key === key) return issue;
    return undefined;
  }

  project(id: string): FakeProject {
    return this.projects.find((p) => p.id === id)!;
  }

  status(id: string): FakeStatus {
    return this.workflow.statuses.find((s) => s.id === id)!;
  }

  statusByName(name: string): FakeStatus | undefined {
    return this.workflow.statuses.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  issueType(id: string): FakeIssueType {
    return this.issueTypes.find((t) => t.id === id)!;
  }

  priority(id: string): FakePriority {
    return this.priorities.find((p) => p.id === id)!;
  }

  findUser(accountId: string): FakeUser | undefined {
    return this.users.find((u) => u.accountId === accountId);
  }

  /** Issues in id order. */
  allIssues(): FakeIssue[] {
    return [...this.issues.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  createIssue(input: NewIssue, authorId = this.user.accountId, at = this.clock.now()): FakeIssue {
    const project = this.project(input.projectId);
    const number = (this.keyCounters.get(project.key) ?? 0) + 1;
    this.keyCounters.set(project.key, number);
    const issue: FakeIssue = {
      id: String(this.nextIssueId++),
      key: `${project.key}-${number}`,
      projectId: project.id,
      issueTypeId: input.issueTypeId,
      summary: input.summary,
      description: input.description ?? null,
      statusId: this.statusByName(this.workflow.initial)!.id,
      priorityId: input.priorityId === undefined ? this.priorities[2].id : input.priorityId,
      labels: input.labels ?? [],
      assigneeId: input.assigneeId ?? null,
      reporterId: authorId,
      created: at,
      updated: at,
      custom: input.custom ?? {},
      properties: new Map((input.properties ?? []).map((p) => [p.key, p.value])),
      comments: [],
      changelog: [],
    };
    this.issues.set(issue.id, issue);
    return issue;
  }

  /** Applies `changes`; records a changelog entry for the fields whose value changed. */
  editIssue(issue: FakeIssue, changes: IssueChanges, authorId = this.user.accountId): void {
    const items: FakeHistoryItem[] = [];
    const track = (field: string, fieldId: string, from: string | null, to: string | null, fromString = from, toString = to): void => {
      if (from !== to || fromString !== toString) items.push({ field, fieldId, from, fromString, to, toString });
    };
    if (changes.summary !== undefined) track('summary', 'summary', null, null, issue.summary, changes.summary);
    if (changes.description !== undefined) track('description', 'description', null, null, JSON.stringify(issue.description), JSON.stringify(changes.description));
    if (changes.issueTypeId !== undefined) track('issuetype', 'issuetype', issue.issueTypeId, changes.issueTypeId, this.issueType(issue.issueTypeId).name, this.issueType(changes.issueTypeId).name);
    if (changes.priorityId !== undefined) track('priority', 'priority', issue.priorityId, changes.priorityId, this.priorityName(issue.priorityId), this.priorityName(changes.priorityId));
    if (changes.labels !== undefined) track('labels', 'labels', null, null, issue.labels.join(' '), changes.labels.join(' '));
    if (changes.assigneeId !== undefined) track('assignee', 'assignee', issue.assigneeId, changes.assigneeId, this.userName(issue.assigneeId), this.userName(changes.assigneeId));
    for (const [field, value] of Object.entries(changes.custom ?? {})) track(field, field, null, null, JSON.stringify(issue.custom[field] ?? null), JSON.stringify(value));
    // A change that changes nothing leaves `updated` alone, as Jira does.
    if (items.length === 0) return;
    Object.assign(issue, withoutUndefined({ ...changes, custom: changes.custom ? { ...issue.custom, ...changes.custom } : undefined }));
    this.touch(issue, authorId, items);
  }

  /** The transitions that can be taken from the issue's current status. */
  transitionsFor(issue: FakeIssue): FakeTransition[] {
    const current = this.status(issue.statusId).name;
    return this.workflow.transitions.filter((t) => t.from === 'any' || t.from.includes(current));
  }

  transitionIssue(issue: FakeIssue, transition: FakeTransition, authorId = this.user.accountId): void {
    const from = this.status(issue.statusId);
    const to = this.statusByName(transition.to)!;
    issue.statusId = to.id;
    this.touch(issue, authorId, [{ field: 'status', fieldId: 'status', from: from.id, fromString: from.name, to: to.id, toString: to.name }]);
  }

  deleteIssue(issue: FakeIssue): void {
    this.issues.delete(issue.id);
  }

  /** Adds a comment; like Jira, this also moves the issue's `updated`. */
  addComment(issue: FakeIssue, body: unknown, properties: Array<{ key: string; value: unknown }> = [], authorId = this.user.accountId, at = this.clock.now()): FakeComment {
    const comment: FakeComment = {
      id: String(this.nextCommentId++),
      authorId,
      updateAuthorId: authorId,
      body,
      created: at,
      updated: at,
      properties: new Map(properties.map((p) => [p.key, p.value])),
    };
    issue.comments.push(comment);
    issue.updated = at;
    return comment;
  }

  editComment(issue: FakeIssue, comment: FakeComment, body: unknown, authorId = this.user.accountId): void {
    comment.body = body;
    comment.updated = this.clock.now();
    comment.updateAuthorId = authorId;
    issue.updated = comment.updated;
  }

  deleteComment(issue: FakeIssue, comment: FakeComment): void {
    issue.comments = issue.comments.filter((c) => c.id !== comment.id);
    issue.updated = this.clock.now();
  }

  private touch(issue: FakeIssue, authorId: string, items: FakeHistoryItem[]): void {
    const at = this.clock.now();
    issue.updated = at;
    issue.changelog.push({ id: String(this.nextHistoryId++), authorId, created: at, items });
  }

  private priorityName(id: string | null): string | null {
    return id === null ? null : this.priority(id).name;
  }

  private userName(accountId: string | null): string | null {
    return accountId === null ? null : (this.findUser(accountId)?.displayName ?? accountId);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
