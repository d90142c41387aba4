import { intParam, ok } from '../http/fake-http';
import { lookupIssue } from './issue-lookup';
import type { Route } from './route.types';

const DEFAULT_MAX_RESULTS = 100;

/** `GET /issue/{id}/changelog`: the whole changelog, oldest first, paged with `startAt` and `isLast`. */
export const changelogRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/changelog$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const { changelog } = found.issue;
      const startAt = intParam(request.query, 'startAt', 0);
      const maxResults = Math.max(1, Math.min(intParam(request.query, 'maxResults', DEFAULT_MAX_RESULTS), DEFAULT_MAX_RESULTS));
      const values = changelog.slice(startAt, startAt + maxResults);
      const isLast = startAt + values.length >= changelog.length;
      const self = `${request.base}/rest/api/3/issue/${found.issue.key}/changelog`;
      const view = app.view(request);
      return ok({
        self: `${self}?maxResults=${maxResults}&startAt=${startAt}`,
        ...(isLast ? {} : { nextPage: `${self}?maxResults=${maxResults}&startAt=${startAt + values.length}` }),
        maxResults,
        startAt,
        total: changelog.length,
        isLast,
        values: values.map((h) => view.history(h)),
      });
    },
  },
];
