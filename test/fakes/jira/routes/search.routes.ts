import { intParam, jiraError, listParam, ok, type FakeAnswer, type FakeRequest } from '../http/fake-http';
import { compileJql } from '../jql/jql-evaluator';
import { JqlError } from '../jql/jql-error';
import type { FakeApp, Route } from './route.types';

interface SearchParams {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  expand: string[];
  properties: string[];
}

const DEFAULT_MAX_RESULTS = 50;
const MAX_RESULTS = 5000;
// The enhanced search embeds at most the 40 most recent changelog entries of an issue.
const SEARCH_CHANGELOG_LIMIT = 40;

/**
 * `GET` and `POST /rest/api/3/search/jql`: the enhanced search. Pages are chained with
 * `nextPageToken` (no offsets, no total); `isLast` says whether another page follows. Only `id`
 * is returned per issue unless `fields` asks for more.
 */
function search(params: SearchParams, request: FakeRequest, app: FakeApp): FakeAnswer {
  const env = app.jqlEnvironment();
  let compiled;
  try {
    compiled = compileJql(params.jql, env);
  } catch (err) {
    if (err instanceof JqlError) return jiraError(400, [err.message]);
    throw err;
  }
  if (!compiled.bounded) return jiraError(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);

  const jqlKey = params.jql.trim();
  const after = params.nextPageToken === undefined ? undefined : app.tokens.resolve(params.nextPageToken, jqlKey, env.now);
  if (params.nextPageToken !== undefined && after === undefined) return jiraError(400, ['The provided next page token is invalid or expired.']);

  const ordered = app.store
    .allIssues()
    .filter(compiled.matches)
    .map((issue) => ({ issue, key: compiled.sortKey(issue) }))
    .sort((a, b) => compiled.compareKeys(a.key, b.key));
  const remaining = after === undefined ? ordered : ordered.filter((entry) => compiled.compareKeys(entry.key, after) > 0);
  const capacity = Math.max(1, Math.min(params.maxResults, MAX_RESULTS, app.options.pageSize));
  const page = remaining.slice(0, capacity);
  const isLast = page.length === remaining.length;
  const view = app.view(request);
  const expand = new Set(params.expand);
  return ok({
    issues: page.map(({ issue }) => view.issue(issue, { fields: params.fields, expand, properties: params.properties, changelogLimit: SEARCH_CHANGELOG_LIMIT })),
    ...(isLast ? {} : { nextPageToken: app.tokens.issue(jqlKey, page[page.length - 1].key, env.now, app.options.pageTokenTtlMs) }),
    isLast,
  });
}

const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

const removed: Route['handle'] = () =>
  jiraError(410, ['The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046']);

export const searchRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/search\/jql$/,
    handle: (request, _params, app) =>
      search(
        {
          jql: request.query.get('jql') ?? '',
          nextPageToken: request.query.get('nextPageToken') ?? undefined,
          maxResults: intParam(request.query, 'maxResults', DEFAULT_MAX_RESULTS),
          fields: listParam(request.query, 'fields').length > 0 ? listParam(request.query, 'fields') : ['id'],
          expand: listParam(request.query, 'expand'),
          properties: listParam(request.query, 'properties'),
        },
        request,
        app,
      ),
  },
  {
    method: 'POST',
    path: /^\/rest\/api\/3\/search\/jql$/,
    handle: (request, _params, app) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const maxResults = body.maxResults === undefined ? DEFAULT_MAX_RESULTS : Number(body.maxResults);
      if (!Number.isInteger(maxResults) || maxResults < 0) return jiraError(400, ['maxResults must be a non-negative integer.']);
      if (body.nextPageToken !== undefined && body.nextPageToken !== null && typeof body.nextPageToken !== 'string') return jiraError(400, ['nextPageToken must be a string.']);
      const fields = asStrings(body.fields);
      return search(
        {
          jql: typeof body.jql === 'string' ? body.jql : '',
          nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
          maxResults,
          fields: fields.length > 0 ? fields : ['id'],
          expand: asStrings(body.expand),
          properties: asStrings(body.properties),
        },
        request,
        app,
      );
    },
  },
  // The offset-paginated search was removed from Jira Cloud (CHANGE-2046); it answers 410 Gone.
  { method: 'GET', path: /^\/rest\/api\/[23]\/search$/, handle: removed },
  { method: 'POST', path: /^\/rest\/api\/[23]\/search$/, handle: removed },
];
