import { formatJiraTimestamp } from '../jira-time';
import type { FakeComment, FakeHistory, FakeIssue, FakeStatus, FakeUser, StatusCategoryKey } from './fake-model';
import type { FakeStore } from './fake-store';

/** Renders the store's data as Jira Cloud REST API v3 JSON. */
export class IssueView {
  constructor(
    private readonly store: FakeStore,
    /** Base of `self` links: the site URL, or `…/ex/jira/{cloudId}` for OAuth calls. */
    private readonly base: string,
  ) {}

  private get timeZone(): string {
    return this.store.user.timeZone;
  }

  timestamp(ms: number): string {
    return formatJiraTimestamp(ms, this.timeZone);
  }

  user(user: FakeUser | undefined, accountId = ''): Record<string, unknown> | null {
    if (!user && !accountId) return null;
    const id = user?.accountId ?? accountId;
    return {
      self: `${this.base}/rest/api/3/user?accountId=${encodeURIComponent(id)}`,
      accountId: id,
      emailAddress: user?.emailAddress,
      avatarUrls: { '48x48': `https://avatar.example.com/${encodeURIComponent(id)}/48` },
      displayName: user?.displayName ?? 'Former user',
      active: Boolean(user),
      timeZone: user?.timeZone,
      accountType: 'atlassian',
    };
  }

  userById(accountId: string | null): Record<string, unknown> | null {
    return accountId === null ? null : this.user(this.store.findUser(accountId), accountId);
  }

  status(status: FakeStatus): Record<string, unknown> {
    return {
      self: `${this.base}/rest/api/3/status/${status.id}`,
      description: '',
      iconUrl: `${this.base}/images/icons/statuses/generic.png`,
      name: status.name,
      id: status.id,
      statusCategory: this.statusCategory(status.category),
    };
  }

  private statusCategory(key: StatusCategoryKey): Record<string, unknown> {
    const category = CATEGORIES[key];
    return { self: `${this.base}/rest/api/3/statuscategory/${category.id}`, ...category, key };
  }

  /** Every field of the issue, by field id, as `GET /issue/{id}?fields=*all` returns them. */
  fields(issue: FakeIssue): Record<string, unknown> {
    const project = this.store.project(issue.projectId);
    const type = this.store.issueType(issue.issueTypeId);
    const priority = issue.priorityId === null ? null : this.store.priority(issue.priorityId);
    const fields: Record<string, unknown> = {
      summary: issue.summary,
      description: issue.description,
      status: this.status(this.store.status(issue.statusId)),
      issuetype: { self: `${this.base}/rest/api/3/issuetype/${type.id}`, id: type.id, description: '', name: type.name, subtask: false, hierarchyLevel: 0 },
      project: { self: `${this.base}/rest/api/3/project/${project.id}`, id: project.id, key: project.key, name: project.name, projectTypeKey: 'software', simplified: false },
      priority: priority && { self: `${this.base}/rest/api/3/priority/${priority.id}`, iconUrl: `${this.base}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id },
      labels: [...issue.labels],
      assignee: this.userById(issue.assigneeId),
      reporter: this.userById(issue.reporterId),
      creator: this.userById(issue.reporterId),
      created: this.timestamp(issue.created),
      updated: this.timestamp(issue.updated),
      comment: this.commentPage(issue, issue.comments, 0, issue.comments.length),
      ...issue.custom,
    };
    if (issue.malformed) {
      // What a broken record looks like to a client: a timestamp it cannot read, a required field missing.
      fields.updated = 'sometime last week';
      delete fields.summary;
    }
    return fields;
  }

  /**
   * The issue as search and `GET /issue` return it. `fields` is Jira's field list (`*all`,
   * `*navigable`, ids, `-id` to leave one out); `changelogLimit` caps the embedded changelog
   * (the enhanced search embeds the 40 most recent entries).
   */
  issue(issue: FakeIssue, options: { fields: string[]; expand: Set<string>; properties: string[]; changelogLimit: number }): Record<string, unknown> {
    const all = this.fields(issue);
    const wanted = selectFields(Object.keys(all), options.fields);
    const view: Record<string, unknown> = {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${this.base}/rest/api/3/issue/${issue.id}`,
      key: issue.key,
      fields: Object.fromEntries(wanted.map((f) => [f, all[f]])),
    };
    if (options.expand.has('changelog')) {
      const newestFirst = [...issue.changelog].reverse().slice(0, options.changelogLimit);
      view.changelog = { startAt: 0, maxResults: newestFirst.length, total: issue.changelog.length, histories: newestFirst.map((h) => this.history(h)) };
    }
    const properties = options.properties.filter((key) => issue.properties.has(key));
    if (options.properties.length > 0) view.properties = Object.fromEntries(properties.map((key) => [key, issue.properties.get(key)]));
    return view;
  }

  history(history: FakeHistory): Record<string, unknown> {
    return {
      id: history.id,
      author: this.userById(history.authorId),
      created: this.timestamp(history.created),
      items: history.items.map((i) => ({ field: i.field, fieldtype: 'jira', fieldId: i.fieldId, from: i.from, fromString: i.fromString, to: i.to, toString: i.toString })),
    };
  }

  comment(issue: FakeIssue, comment: FakeComment, withProperties = false): Record<string, unknown> {
    const view: Record<string, unknown> = {
      self: `${this.base}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
      id: comment.id,
      author: this.userById(comment.authorId),
      body: comment.body,
      updateAuthor: this.userById(comment.updateAuthorId),
      created: this.timestamp(comment.created),
      updated: this.timestamp(comment.updated),
      jsdPublic: true,
    };
    if (withProperties) view.properties = [...comment.properties].map(([key, value]) => ({ key, value }));
    return view;
  }

  commentPage(issue: FakeIssue, comments: FakeComment[], startAt: number, maxResults: number): Record<string, unknown> {
    return {
      self: `${this.base}/rest/api/3/issue/${issue.id}/comment`,
      startAt,
      maxResults,
      total: comments.length,
      comments: comments.slice(startAt, startAt + maxResults).map((c) => this.comment(issue, c)),
    };
  }
}

const CATEGORIES: Record<StatusCategoryKey, { id: number; colorName: string; name: string }> = {
  new: { id: 2, colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, colorName: 'green', name: 'Done' },
};

/** Applies Jira's field list: `*all` and `*navigable` give every field, other names add one, and `-name` removes one whatever its place. */
function selectFields(available: string[], requested: string[]): string[] {
  const entries = requested.flatMap((f) => f.split(',')).map((f) => f.trim()).filter(Boolean);
  const excluded = new Set(entries.filter((e) => e.startsWith('-')).map((e) => e.slice(1)));
  const everything = entries.some((e) => e === '*all' || e === '*navigable');
  return available.filter((f) => !excluded.has(f) && (everything || entries.includes(f)));
}
