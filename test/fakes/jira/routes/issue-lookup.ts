import { jiraError } from '../http/fake-http';
import type { FakeStore } from '../store/fake-store';
import type { IssueLookup } from './route.types';

/** The issue of a path's `{issueIdOrKey}`, or Jira's 404 for it. */
export function lookupIssue(store: FakeStore, idOrKey: string): IssueLookup {
  const issue = store.findIssue(decodeURIComponent(idOrKey));
  return issue ? { issue } : { answer: jiraError(404, ['Issue does not exist or you do not have permission to see it.']) };
}

/** True for an Atlassian Document Format document: `{ type: 'doc', version: 1, content: [...] }`. */
export function isAdfDocument(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const doc = value as { type?: unknown; version?: unknown; content?: unknown };
  return doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content);
}

export const NOT_ADF = 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
