import { jiraError, listParam, noContent, ok, type FakeAnswer } from '../http/fake-http';
import type { FakeIssue } from '../store/fake-model';
import type { FakeStore } from '../store/fake-store';
import { lookupIssue } from './issue-lookup';
import { readIssueFields } from './issue-fields';
import type { FakeApp, Route } from './route.types';

// `GET /issue/{id}?expand=changelog` embeds up to 100 changelog entries; `/changelog` pages through all.
const ISSUE_CHANGELOG_LIMIT = 100;

type Body = { fields?: Record<string, unknown>; update?: Record<string, unknown>; properties?: unknown; transition?: { id?: unknown } };

function readProperties(value: unknown, errors: Record<string, string>): Array<{ key: string; value: unknown }> {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((p) => !p || typeof p.key !== 'string' || p.key === '' || p.value === undefined)) {
    errors.properties = 'Properties must be a list of {key, value} objects.';
    return [];
  }
  return value as Array<{ key: string; value: unknown }>;
}

function invalid(errors: Record<string, string>): FakeAnswer | undefined {
  return Object.keys(errors).length > 0 ? jiraError(400, [], errors) : undefined;
}

function create(body: Body, app: FakeApp, base: string): FakeAnswer {
  const { store } = app;
  const read = readIssueFields(store, body.fields ?? {}, body.update ?? {});
  const properties = readProperties(body.properties, read.errors);
  const transition = body.transition?.id === undefined ? undefined : store.workflow.transitions.find((t) => t.id === String(body.transition?.id));
  if (body.transition?.id !== undefined && !transition) read.errors.transition = `Transition id '${String(body.transition.id)}' is not valid for this issue.`;
  const rejected = invalid(read.errors);
  if (rejected) return rejected;
  const issue = store.createIssue({ ...read.changes, projectId: read.projectId!, issueTypeId: read.changes.issueTypeId!, summary: read.changes.summary!, properties });
  if (transition) store.transitionIssue(issue, transition);
  return ok({ id: issue.id, key: issue.key, self: `${base}/rest/api/3/issue/${issue.id}` }, 201);
}

function edit(issue: FakeIssue, body: Body, store: FakeStore): FakeAnswer | undefined {
  const read = readIssueFields(store, body.fields ?? {}, body.update ?? {}, issue);
  const properties = readProperties(body.properties, read.errors);
  const rejected = invalid(read.errors);
  if (rejected) return rejected;
  store.editIssue(issue, read.changes);
  for (const property of properties) issue.properties.set(property.key, property.value);
  return undefined;
}

export const issueRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/([^/]+)$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const fields = listParam(request.query, 'fields');
      return ok(
        app.view(request).issue(found.issue, {
          fields: fields.length > 0 ? fields : ['*all'],
          expand: new Set(listParam(request.query, 'expand')),
          properties: listParam(request.query, 'properties'),
          changelogLimit: ISSUE_CHANGELOG_LIMIT,
        }),
      );
    },
  },
  {
    method: 'POST',
    path: /^\/rest\/api\/3\/issue$/,
    handle: (request, _params, app) => create((request.body ?? {}) as Body, app, request.base),
  },
  {
    method: 'PUT',
    path: /^\/rest\/api\/3\/issue\/([^/]+)$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const rejected = edit(found.issue, (request.body ?? {}) as Body, app.store);
      if (rejected) return rejected;
      if (request.query.get('returnIssue') !== 'true') return noContent();
      return ok(app.view(request).issue(found.issue, { fields: ['*all'], expand: new Set(), properties: [], changelogLimit: ISSUE_CHANGELOG_LIMIT }));
    },
  },
  {
    method: 'DELETE',
    path: /^\/rest\/api\/3\/issue\/([^/]+)$/,
    handle: (_request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      app.store.deleteIssue(found.issue);
      return noContent();
    },
  },
];
