import { jiraError, noContent, ok } from '../http/fake-http';
import { lookupIssue } from './issue-lookup';
import type { Route } from './route.types';

const MAX_VALUE_LENGTH = 32_768;

/** Issue entity properties: JSON values stored on an issue under a key. Setting one does not change `updated`. */
export const propertyRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/properties$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const keys = [...found.issue.properties.keys()].map((key) => ({ self: `${request.base}/rest/api/3/issue/${found.issue.id}/properties/${encodeURIComponent(key)}`, key }));
      return ok({ keys });
    },
  },
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/,
    handle: (_request, [idOrKey, rawKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const key = decodeURIComponent(rawKey);
      if (!found.issue.properties.has(key)) return jiraError(404, [`The property with key '${key}' does not exist.`]);
      return ok({ key, value: found.issue.properties.get(key) });
    },
  },
  {
    method: 'PUT',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/,
    handle: (request, [idOrKey, rawKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const key = decodeURIComponent(rawKey);
      if (key.length > 255) return jiraError(400, ['The property key cannot be longer than 255 characters.']);
      if (request.body === undefined) return jiraError(400, ['The property value must be a non-empty JSON value.']);
      if (JSON.stringify(request.body).length > MAX_VALUE_LENGTH) return jiraError(400, [`The property value cannot be longer than ${MAX_VALUE_LENGTH} characters.`]);
      const existed = found.issue.properties.has(key);
      found.issue.properties.set(key, request.body);
      // 201 when the property was created, 200 when it was replaced.
      return { status: existed ? 200 : 201 };
    },
  },
  {
    method: 'DELETE',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/,
    handle: (_request, [idOrKey, rawKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const key = decodeURIComponent(rawKey);
      if (!found.issue.properties.delete(key)) return jiraError(404, [`The property with key '${key}' does not exist.`]);
      return noContent();
    },
  },
];
