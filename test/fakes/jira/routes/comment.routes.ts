import { intParam, jiraError, listParam, noContent, ok, type FakeAnswer } from '../http/fake-http';
import type { FakeComment, FakeIssue } from '../store/fake-model';
import { isAdfDocument, lookupIssue, NOT_ADF } from './issue-lookup';
import type { FakeApp, Route } from './route.types';

const DEFAULT_MAX_RESULTS = 5000;

type CommentBody = { body?: unknown; properties?: unknown };

function bodyProblem(body: CommentBody | undefined): FakeAnswer | undefined {
  if (body?.body === undefined || body.body === null) return jiraError(400, [], { comment: 'Comment body can not be empty!' });
  if (!isAdfDocument(body.body)) return jiraError(400, [], { comment: NOT_ADF });
  const properties = body.properties;
  if (properties !== undefined && (!Array.isArray(properties) || properties.some((p) => !p || typeof p.key !== 'string' || p.value === undefined))) {
    return jiraError(400, [], { properties: 'Properties must be a list of {key, value} objects.' });
  }
  return undefined;
}

function withComment(app: FakeApp, idOrKey: string, commentId: string, then: (issue: FakeIssue, comment: FakeComment) => FakeAnswer): FakeAnswer {
  const found = lookupIssue(app.store, idOrKey);
  if ('answer' in found) return found.answer;
  const comment = found.issue.comments.find((c) => c.id === commentId);
  if (!comment) return jiraError(404, [`Can not find a comment for the id: ${commentId}.`]);
  return then(found.issue, comment);
}

/**
 * Issue comments: paged list (`startAt`, `maxResults`, `orderBy` by `created`), add, get, edit,
 * delete, and `POST /comment/list` (comments by id, `expand=properties` for their properties).
 * Adding, editing or deleting a comment moves the issue's `updated`.
 */
export const commentRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const orderBy = request.query.get('orderBy') ?? 'created';
      const comments = [...found.issue.comments].sort((a, b) => a.created - b.created || Number(a.id) - Number(b.id));
      if (orderBy === '-created') comments.reverse();
      const startAt = intParam(request.query, 'startAt', 0);
      const maxResults = intParam(request.query, 'maxResults', DEFAULT_MAX_RESULTS);
      return ok(app.view(request).commentPage(found.issue, comments, startAt, maxResults));
    },
  },
  {
    method: 'POST',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const body = request.body as CommentBody | undefined;
      const problem = bodyProblem(body);
      if (problem) return problem;
      const comment = app.store.addComment(found.issue, body!.body, (body!.properties as Array<{ key: string; value: unknown }>) ?? []);
      return ok(app.view(request).comment(found.issue, comment), 201);
    },
  },
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/,
    handle: (request, [idOrKey, commentId], app) => withComment(app, idOrKey, commentId, (issue, comment) => ok(app.view(request).comment(issue, comment))),
  },
  {
    method: 'PUT',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/,
    handle: (request, [idOrKey, commentId], app) =>
      withComment(app, idOrKey, commentId, (issue, comment) => {
        const body = request.body as CommentBody | undefined;
        const problem = bodyProblem(body);
        if (problem) return problem;
        app.store.editComment(issue, comment, body!.body);
        return ok(app.view(request).comment(issue, comment));
      }),
  },
  {
    method: 'DELETE',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/,
    handle: (_request, [idOrKey, commentId], app) =>
      withComment(app, idOrKey, commentId, (issue, comment) => {
        app.store.deleteComment(issue, comment);
        return noContent();
      }),
  },
  {
    method: 'POST',
    path: /^\/rest\/api\/3\/comment\/list$/,
    handle: (request, _params, app) => {
      const ids = (request.body as { ids?: unknown } | undefined)?.ids;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > 1000) return jiraError(400, ['Provide between 1 and 1000 comment ids.']);
      const wanted = new Set(ids.map(String));
      const withProperties = listParam(request.query, 'expand').includes('properties');
      const view = app.view(request);
      const values = app.store
        .allIssues()
        .flatMap((issue) => issue.comments.filter((c) => wanted.has(c.id)).map((c) => view.comment(issue, c, withProperties)));
      return ok({ maxResults: 1000, startAt: 0, total: values.length, isLast: true, values });
    },
  },
];
