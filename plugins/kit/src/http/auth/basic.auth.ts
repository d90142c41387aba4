import type { AuthHook } from '../http.types';

/** HTTP Basic authentication (RFC 7617) with a fixed user and password. */
export function basicAuth(user: string, password: string): AuthHook {
  const header = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  return {
    apply(request) {
      request.headers.Authorization = header;
    },
    secrets: () => [password, header.slice('Basic '.length)],
  };
}
