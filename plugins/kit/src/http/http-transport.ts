import axios, { type AxiosResponse, type RawAxiosResponseHeaders, type AxiosResponseHeaders } from 'axios';
import { setTimeout as delay } from 'node:timers/promises';
import type { HubError } from '../errors';
import type { Logger } from '../connector/connector.types';
import { classifyError, type Failure } from './failure';
import type { AuthRequest, HttpMethod, HttpRequest, HttpResponse, HttpTransport, HttpTransportOptions, UpstreamErrorResponse } from './http.types';
import { bodyExcerpt, safeUrl } from './redact';
import { parseRetryAfter } from './retry-after';
import { DEFAULT_RETRY, retryDelay } from './retry-policy';
import { errorForFailure, errorForResponse } from './translate-error';

const DEFAULT_TIMEOUT_MS = 30_000;

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> => delay(ms, undefined, { signal });

function flattenHeaders(headers: RawAxiosResponseHeaders | AxiosResponseHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function outcomeText(failure: Failure): string {
  if (failure.kind === 'status') return `answered ${failure.status}`;
  if (failure.kind === 'timeout') return 'timed out';
  return `failed (${'code' in failure ? failure.code : failure.kind})`;
}

/**
 * Creates the HTTP transport a connector does all its HTTP through.
 *
 * - Authenticates every call with `auth`, and lets it refresh its credentials once on a 401.
 * - Retries what is safe to retry: 429 for any method; 500/502/503/504, timeouts and dropped
 *   connections for idempotent methods (or any method with `retry.retryNonIdempotent`); refused
 *   connections for any method, since nothing was sent. Waits with exponential backoff and full
 *   jitter, or as long as a 429/503 `Retry-After` asks (see `RetryOptions.maxRetryAfterMs`).
 * - Resolves with answers below 400 and rejects with HubErrors only: `UpstreamAuthError` (401/403),
 *   `UpstreamThrottledError` (429, 503 with `Retry-After`), `UpstreamTimeoutError`, else
 *   `UpstreamError` with `data: { request, status, body }` (body: first 2 KB), retryable for 5xx and
 *   transient network errors. `translateError` may map an error answer first. A call cancelled
 *   through `signal` rejects with the signal's reason.
 *
 * Credentials never appear in errors or logs: URLs lose their query string, and the auth hook's
 * and `secrets` values are scrubbed from body excerpts.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const logger = options.logger ?? silent;
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const secrets = (): string[] => [...(options.secrets ?? []), ...(options.auth?.secrets?.() ?? [])];
  const client = axios.create({
    baseURL: options.baseURL,
    headers: options.headers,
    // Statuses are judged here, not by axios, so an error answer is a value rather than an exception.
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
  });

  async function attempt(req: HttpRequest, method: HttpMethod, url: string, headers: Record<string, string>): Promise<AxiosResponse | Failure> {
    try {
      return await client.request({
        method,
        url,
        headers,
        // axios would JSON-quote a string that does not parse as one JSON value (e.g. a batch of JSON lines).
        data: typeof req.data === 'string' ? Buffer.from(req.data, 'utf8') : req.data,
        responseType: req.responseType ?? 'json',
        timeout: req.timeoutMs ?? timeoutMs,
        signal: req.signal,
      });
    } catch (err) {
      return classifyError(err);
    }
  }

  async function request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    const method = req.method ?? 'GET';
    const url = client.getUri({ url: req.url, params: req.params });
    const described = `${method} ${safeUrl(url)}`;
    let reauthenticated = false;
    for (let retry = 0; ; ) {
      const authRequest: AuthRequest = { method, url, headers: { ...req.headers } };
      await options.auth?.apply(authRequest);
      const outcome = await attempt(req, method, url, authRequest.headers);
      let failure: Failure;
      if ('kind' in outcome) failure = outcome;
      else if (outcome.status < 400) {
        return { status: outcome.status, headers: flattenHeaders(outcome.headers), data: outcome.data as T, url };
      } else failure = { kind: 'status', status: outcome.status, headers: flattenHeaders(outcome.headers), data: outcome.data };

      if (failure.kind === 'cancelled') throw req.signal?.reason ?? new Error(`${described} was cancelled`);
      if (failure.kind === 'status' && failure.status === 401 && !reauthenticated && options.auth?.onUnauthorized) {
        // One fresh set of credentials per call: a second 401 means they are wrong, not stale.
        reauthenticated = true;
        if (await options.auth.onUnauthorized(authRequest)) continue;
      }
      const retryAfterMs = failure.kind === 'status' ? parseRetryAfter(failure.headers['retry-after'], now()) : undefined;
      const wait = retryDelay(failure, method, retry, policy, random, retryAfterMs);
      if (wait === undefined) throw toError(failure, described, req, retryAfterMs);
      retry += 1;
      logger.warn(`${options.name}: ${described} ${outcomeText(failure)}; retry ${retry} of ${policy.retries} in ${wait} ms`, {
        method,
        url: safeUrl(url),
        status: failure.kind === 'status' ? failure.status : undefined,
        delayMs: wait,
      });
      await sleep(wait, req.signal);
    }
  }

  function toError(failure: Exclude<Failure, { kind: 'cancelled' }>, described: string, req: HttpRequest, retryAfterMs: number | undefined): HubError {
    if (failure.kind !== 'status') return errorForFailure(options.name, described, failure, req.timeoutMs ?? timeoutMs);
    const response: UpstreamErrorResponse = {
      request: described,
      status: failure.status,
      headers: failure.headers,
      data: failure.data,
      bodyExcerpt: bodyExcerpt(failure.data, secrets()),
    };
    return options.translateError?.(response) ?? errorForResponse(options.name, response, retryAfterMs);
  }

  return {
    request,
    get: (url, opts) => request({ ...opts, url, method: 'GET' }),
    delete: (url, opts) => request({ ...opts, url, method: 'DELETE' }),
    post: (url, data, opts) => request({ ...opts, url, data, method: 'POST' }),
    put: (url, data, opts) => request({ ...opts, url, data, method: 'PUT' }),
    patch: (url, data, opts) => request({ ...opts, url, data, method: 'PATCH' }),
  };
}
