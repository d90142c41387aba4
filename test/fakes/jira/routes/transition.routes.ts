import { jiraError, noContent, ok } from '../http/fake-http';
import { lookupIssue } from './issue-lookup';
import type { Route } from './route.types';

/** `GET /issue/{id}/transitions`: the transitions available from the issue's status; `POST` takes one. */
export const transitionRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const view = app.view(request);
      const only = request.query.get('transitionId');
      const transitions = app.store.transitionsFor(found.issue).filter((t) => only === null || t.id === only);
      return ok({
        expand: 'transitions',
        transitions: transitions.map((t) => ({
          id: t.id,
          name: t.name,
          to: view.status(app.store.statusByName(t.to)!),
          hasScreen: false,
          isGlobal: t.from === 'any',
          isInitial: false,
          isAvailable: true,
          isConditional: false,
          isLooped: false,
        })),
      });
    },
  },
  {
    method: 'POST',
    path: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/,
    handle: (request, [idOrKey], app) => {
      const found = lookupIssue(app.store, idOrKey);
      if ('answer' in found) return found.answer;
      const id = (request.body as { transition?: { id?: unknown } } | undefined)?.transition?.id;
      const transition = app.store.transitionsFor(found.issue).find((t) => t.id === String(id));
      if (!transition) return jiraError(400, [`Transition id '${String(id)}' is not valid for this issue.`]);
      app.store.transitionIssue(found.issue, transition);
      return noContent();
    },
  },
];
