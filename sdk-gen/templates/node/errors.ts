/** Errors the client throws: ApiError (and a subclass per common status) for error answers, ApiConnectionError when no answer came. */

export interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown[] };
}

/** The API answered with an error status; `code`, `message` and `details` come from an `{ error: { code, message, details } }` body. */
export class ApiError extends Error {
  readonly code: string | undefined;
  readonly details: unknown[];

  constructor(
    readonly status: number,
    /** The parsed JSON body, or the text when it is not JSON. */
    readonly body: unknown,
    /** The answer's headers, names in lower case. */
    readonly headers: Record<string, string>,
    readonly method: string,
    readonly url: string,
  ) {
    const error = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
    const code = typeof error?.code === 'string' ? error.code : undefined;
    super(`${method} ${url} answered ${status}${code ? ` ${code}` : ''}: ${message}`);
    this.name = new.target.name;
    this.code = code;
    this.details = Array.isArray(error?.details) ? error!.details! : [];
  }
}

/** 400: the request is invalid; `details` lists each bad field. */
export class BadRequestError extends ApiError {}
/** 401: missing, invalid, expired or revoked credentials. */
export class AuthenticationError extends ApiError {}
/** 403: the credentials lack a scope the operation needs. */
export class PermissionDeniedError extends ApiError {}
/** 404: no such resource (for these credentials). */
export class NotFoundError extends ApiError {}
/** 409: the request conflicts with the resource's state. */
export class ConflictError extends ApiError {}
/** 429: too many requests, still refused after the client's retries. */
export class RateLimitError extends ApiError {}
/** 5xx: the server failed, still after the client's retries. */
export class ServerError extends ApiError {}

/** No answer: the connection failed or timed out, after the client's retries. */
export class ApiConnectionError extends Error {
  constructor(message: string, readonly cause: unknown) {
    super(message);
    this.name = 'ApiConnectionError';
  }
}

const BY_STATUS: Record<number, typeof ApiError> = { 400: BadRequestError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError, 409: ConflictError, 429: RateLimitError };

/** The most specific error class for a status. */
export function errorFor(status: number, body: unknown, headers: Record<string, string>, method: string, url: string): ApiError {
  const Cls = BY_STATUS[status] ?? (status >= 500 ? ServerError : ApiError);
  return new Cls(status, body, headers, method, url);
}
