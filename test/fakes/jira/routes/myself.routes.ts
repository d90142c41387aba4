import { ok } from '../http/fake-http';
import type { Route } from './route.types';

/** `GET /myself`: the authenticated user, with the time zone JQL dates are read in. */
export const myselfRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/rest\/api\/3\/myself$/,
    handle: (request, _params, app) => ok({ ...app.view(request).user(app.store.user), locale: 'en_US', groups: { size: 1, items: [] }, applicationRoles: { size: 1, items: [] } }),
  },
];
