import { HubError } from '@ihub/plugin-kit';

/** One problem with a request field, as listed in `error.details`. */
export interface FieldProblem {
  in: 'path' | 'query' | 'body' | 'header';
  field: string;
  message: string;
}

export function validationError(problems: FieldProblem[]): HubError {
  return new HubError('IHUB_VALIDATION', `invalid request: ${problems.map((p) => `${p.in} ${p.field || '(root)'}: ${p.message}`).join('; ')}`, { fault: 'user', data: { details: problems } });
}

export const unauthenticated = (message: string) => new HubError('IHUB_UNAUTHENTICATED', message, { fault: 'user' });
export const forbidden = (message: string) => new HubError('IHUB_FORBIDDEN', message, { fault: 'user' });

/** HTTP status of each error code the API answers with; anything else is a 500. */
const STATUS: Record<string, number> = {
  IHUB_VALIDATION: 400,
  IHUB_CONFIG_INVALID: 400,
  IHUB_RECORD_INVALID: 400,
  IHUB_MAPPING_INVALID: 400,
  IHUB_UNAUTHENTICATED: 401,
  IHUB_FORBIDDEN: 403,
  IHUB_NOT_FOUND: 404,
  IHUB_ROUTE_NOT_FOUND: 404,
  IHUB_SYNC_ALREADY_RUNNING: 409,
  IHUB_CONFLICT: 409,
  IHUB_PAYLOAD_TOO_LARGE: 413,
  IHUB_UNSUPPORTED_MEDIA_TYPE: 415,
  IHUB_RATE_LIMITED: 429,
  IHUB_INTEGRATION_UNAVAILABLE: 409,
  IHUB_UPSTREAM_ERROR: 502,
  IHUB_UPSTREAM_AUTH: 502,
  IHUB_UPSTREAM_THROTTLED: 503,
  IHUB_UPSTREAM_TIMEOUT: 504,
  IHUB_SECRET_KEY_MISSING: 503,
  IHUB_SECRET_KEY_INVALID: 503,
  IHUB_SECRET_UNKNOWN_KEY: 503,
  IHUB_SECRET_DECRYPT_FAILED: 503,
};

/** Server-side problems whose message helps the caller and reveals nothing (a missing key, not the key). */
const EXPOSED_5XX = /^IHUB_(UPSTREAM|SECRET)_/;

export interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
}

/**
 * The one error shape of the API. Errors that are not ours (bugs, driver errors) become a
 * generic 500: their messages may carry internals, so they go to the log, not to the client.
 */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody; expose: boolean } {
  if (err instanceof HubError || (err as { code?: unknown })?.code?.toString().startsWith('IHUB_')) {
    const e = err as HubError;
    const status = STATUS[e.code] ?? 500;
    if (status < 500 || EXPOSED_5XX.test(e.code)) {
      const details = Array.isArray(e.data?.details) ? (e.data.details as unknown[]) : [];
      return { status, body: { error: { code: e.code, message: e.message, details } }, expose: true };
    }
  }
  const web = err as { code?: unknown; type?: string; message?: string };
  if (typeof web?.code === 'number' && web.code >= 400 && web.code < 500) {
    const code = web.code === 404 ? 'IHUB_ROUTE_NOT_FOUND' : web.code === 413 ? 'IHUB_PAYLOAD_TOO_LARGE' : web.code === 415 ? 'IHUB_UNSUPPORTED_MEDIA_TYPE' : web.code === 401 ? 'IHUB_UNAUTHENTICATED' : 'IHUB_BAD_REQUEST';
    return { status: web.code, body: { error: { code, message: web.message ?? 'bad request', details: [] } }, expose: true };
  }
  return { status: 500, body: { error: { code: 'IHUB_INTERNAL', message: 'internal error; see the hub log', details: [] } }, expose: false };
}
