import type { FakeAnswer, FakeRequest } from '../http/fake-http';
import type { ResolvedOptions } from '../jira-fake.options';
import type { JqlEnvironment } from '../jql/jql-evaluator';
import type { PageTokens } from '../page-tokens';
import type { FakeIssue } from '../store/fake-model';
import type { FakeStore } from '../store/fake-store';
import type { IssueView } from '../store/issue-view';

/** What every route may use. */
export interface FakeApp {
  store: FakeStore;
  options: ResolvedOptions;
  tokens: PageTokens;
  view(request: FakeRequest): IssueView;
  jqlEnvironment(): JqlEnvironment;
}

export interface Route {
  method: string;
  /** Matched against the path; capture groups become `params`. */
  path: RegExp;
  handle(request: FakeRequest, params: string[], app: FakeApp): FakeAnswer;
}

export type IssueLookup = { issue: FakeIssue } | { answer: FakeAnswer };
