import type { AuthHook } from '../http.types';

/**
 * `Authorization: Bearer <token>` with a fixed token, or with one read from `getToken` before each
 * call (for a token that another part of the connector keeps fresh).
 */
export function bearerToken(tokenOrGetter: string | (() => string | Promise<string>)): AuthHook {
  let last = typeof tokenOrGetter === 'string' ? tokenOrGetter : '';
  return {
    async apply(request) {
      last = typeof tokenOrGetter === 'string' ? tokenOrGetter : await tokenOrGetter();
      request.headers.Authorization = `Bearer ${last}`;
    },
    secrets: () => [last],
  };
}
