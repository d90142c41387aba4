import type { HubError } from '../errors';
import type { Logger } from '../connector/connector.types';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Query parameters; `undefined` values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/** One HTTP call as a connector describes it. */
export interface HttpRequest {
  /** Defaults to GET. */
  method?: HttpMethod;
  /** Absolute, or relative to the transport's `baseURL`. */
  url: string;
  params?: QueryParams;
  headers?: Record<string, string>;
  /** Request body: objects are sent as JSON, `URLSearchParams` as a form, strings and Buffers as they are. */
  data?: unknown;
  /** `json` (the default) parses JSON bodies and keeps other bodies as text. */
  responseType?: 'json' | 'text' | 'arraybuffer';
  /** Overrides the transport's `timeoutMs` for this call. */
  timeoutMs?: number;
  /** Cancels the call and any wait between retries; pass the connector context's `signal`. */
  signal?: AbortSignal;
}

/** A successful answer (status below 400; redirects are followed). */
export interface HttpResponse<T = unknown> {
  status: number;
  /** Lower-case header names; repeated headers are joined with `, `. */
  headers: Record<string, string>;
  data: T;
  /** The absolute URL requested, query included; the base that relative links in the answer resolve against. */
  url: string;
}

/** The request an auth hook decorates. Hooks set headers; they must not log them. */
export interface AuthRequest {
  method: HttpMethod;
  /** Absolute URL, query included. */
  url: string;
  headers: Record<string, string>;
}

/** How a transport authenticates: it adds credentials to each request and may refresh them once on a 401. */
export interface AuthHook {
  /** Adds credentials (usually an `Authorization` header) to the request. */
  apply(request: AuthRequest): void | Promise<void>;
  /**
   * Called when the upstream answered 401 to `request`. Resolves true when fresh credentials were
   * obtained and the request should be sent once more.
   */
  onUnauthorized?(request: AuthRequest): Promise<boolean>;
  /** The secret values the hook currently holds, so the transport can scrub them from errors and logs. */
  secrets?(): string[];
}

/** An error answer, as handed to a connector's `translateError`. */
export interface UpstreamErrorResponse {
  /** `METHOD url` without the query string. */
  request: string;
  status: number;
  headers: Record<string, string>;
  /** The parsed body (JSON when it was JSON, text otherwise). */
  data: unknown;
  /** The first 2 KB of the body as text, secrets scrubbed. */
  bodyExcerpt: string;
}

/**
 * Maps an upstream error answer to a connector-specific HubError (e.g. an error code in the body
 * that means "record not found"). Return undefined to fall back to the transport's default mapping.
 */
export type TranslateError = (response: UpstreamErrorResponse) => HubError | undefined;

export interface RetryOptions {
  /** Retries after the first attempt. Default 5. */
  retries?: number;
  /** First backoff step. Default 500 ms. */
  baseDelayMs?: number;
  /** Upper bound of a backoff step. Default 60 s. */
  maxDelayMs?: number;
  /**
   * The longest `Retry-After` the transport waits for, in process. Default 5 minutes. A longer
   * demand is not waited for: the call fails at once with `UpstreamThrottledError` carrying
   * `retryAfterMs`, so the scheduler comes back later instead of a run holding its lease idle.
   * `Retry-After` values between `maxDelayMs` and this cap are honoured as they are, since the
   * upstream said when it will accept the call and asking sooner only earns another 429.
   */
  maxRetryAfterMs?: number;
  /** Also retry 500/502/503/504, timeouts and dropped connections for POST and PATCH. Default false. */
  retryNonIdempotent?: boolean;
}

export interface HttpTransportOptions {
  /** The connector id; names the upstream in error messages and logs. */
  name: string;
  baseURL?: string;
  /** How long a call may stay without an answer. Default 30 s. */
  timeoutMs?: number;
  /** Headers sent with every call. */
  headers?: Record<string, string>;
  auth?: AuthHook;
  retry?: RetryOptions;
  translateError?: TranslateError;
  /** Further secret values (an API key sent in the query, a password in a body) to scrub from errors and logs. */
  secrets?: string[];
  logger?: Logger;
  /** Waits between retries; injectable so tests record delays instead of waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Current time in ms; used to turn an HTTP-date `Retry-After` into a delay. */
  now?: () => number;
  /** A number in [0, 1) for backoff jitter. */
  random?: () => number;
}

/** The only way a connector talks HTTP. Errors are HubErrors (see `createHttpTransport`). */
export interface HttpTransport {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
  get<T = unknown>(url: string, options?: Omit<HttpRequest, 'url' | 'method' | 'data'>): Promise<HttpResponse<T>>;
  delete<T = unknown>(url: string, options?: Omit<HttpRequest, 'url' | 'method' | 'data'>): Promise<HttpResponse<T>>;
  post<T = unknown>(url: string, data?: unknown, options?: Omit<HttpRequest, 'url' | 'method' | 'data'>): Promise<HttpResponse<T>>;
  put<T = unknown>(url: string, data?: unknown, options?: Omit<HttpRequest, 'url' | 'method' | 'data'>): Promise<HttpResponse<T>>;
  patch<T = unknown>(url: string, data?: unknown, options?: Omit<HttpRequest, 'url' | 'method' | 'data'>): Promise<HttpResponse<T>>;
}
