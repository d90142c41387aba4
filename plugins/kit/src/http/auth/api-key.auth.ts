import type { AuthHook } from '../http.types';

/** An API key sent in a header of the upstream's choosing, e.g. `apiKeyHeader('X-API-Key', key)`. */
export function apiKeyHeader(name: string, value: string): AuthHook {
  return {
    apply(request) {
      request.headers[name] = value;
    },
    secrets: () => [value],
  };
}
