import {
  NotFoundError,
  parseRetryAfter,
  RecordInvalidError,
  UpstreamAuthError,
  UpstreamError,
  UpstreamThrottledError,
  type HubError,
  type TranslateError,
  type UpstreamErrorResponse,
} from '@ihub/plugin-kit';

type ErrorBody = { errorMessages?: unknown; errors?: unknown; message?: unknown };

/** Field id → message, from the `errors` map of a Jira error body; empty when there is none. */
export function fieldErrors(data: unknown): Record<string, string> {
  const errors = (data as ErrorBody | null)?.errors;
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return {};
  return Object.fromEntries(Object.entries(errors).map(([field, message]) => [field, String(message)]));
}

/**
 * What Jira said, from any of the error bodies it answers with: REST errors
 * (`{"errorMessages":[…],"errors":{field: message}}`), the API gateway's `{"code":401,"message":…}`,
 * or plain text. Undefined when the body says nothing.
 */
export function atlassianMessage(data: unknown): string | undefined {
  if (typeof data === 'string') return data.trim().slice(0, 500) || undefined;
  const body = data as ErrorBody | null;
  if (!body || typeof body !== 'object') return undefined;
  const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
  const fields = Object.entries(fieldErrors(body)).map(([field, message]) => `${field}: ${message}`);
  const parts = [...messages, ...fields];
  if (parts.length === 0 && typeof body.message === 'string') parts.push(body.message);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** How long a 429 asks to wait: `Retry-After`, else until `X-RateLimit-Reset` (ISO). */
export function throttleDelayMs(headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = parseRetryAfter(headers['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter;
  const reset = Date.parse(headers['x-ratelimit-reset'] ?? '');
  return Number.isNaN(reset) ? undefined : Math.max(0, reset - now);
}

/**
 * Maps Jira's error answers to the kit's errors, keeping Jira's own words in the message:
 * 401/403 → UpstreamAuthError (not retryable), 404 → NotFoundError, 429 → UpstreamThrottledError
 * with the wait Jira asked for, 400 with field errors → RecordInvalidError naming the fields,
 * anything else → UpstreamError (retryable for 5xx).
 */
export function translateJiraError(authType: 'basic' | 'oauth2', now: () => number = Date.now): TranslateError {
  return (response: UpstreamErrorResponse): HubError => {
    const { request, status, headers } = response;
    const vendor = atlassianMessage(response.data);
    const said = vendor ? `: ${vendor}` : '';
    const data = { request, status, body: response.bodyExcerpt, ...(vendor ? { jiraMessage: vendor } : {}) };
    switch (status) {
      case 401:
        return new UpstreamAuthError(
          `jira: ${request} was refused with 401${said}; ${authType === 'oauth2' ? 'the OAuth access token is invalid or has expired: renew it' : "check the integration's email and API token"}`,
          data,
        );
      case 403:
        return new UpstreamAuthError(`jira: ${request} was refused with 403${said}; the account lacks a permission this call needs`, data);
      case 404:
        return new NotFoundError('Jira resource', `${request}${said ? ` (${vendor})` : ''}`);
      case 429: {
        const retryAfterMs = throttleDelayMs(headers, now());
        const reason = headers['ratelimit-reason'] ? ` (${headers['ratelimit-reason']})` : '';
        return new UpstreamThrottledError(`jira: ${request} was throttled with 429${reason}${said}`, { ...data, retryAfterMs });
      }
      case 400: {
        const fields = fieldErrors(response.data);
        if (Object.keys(fields).length > 0) return new RecordInvalidError(`jira rejected the record: ${vendor}`, { ...data, fields });
        return new UpstreamError(`jira: ${request} answered 400${said}`, data, { retryable: false });
      }
      default: {
        // A 503 with Retry-After is Jira shedding load: a throttle, as the kit treats it.
        const retryAfterMs = status === 503 ? throttleDelayMs(headers, now()) : undefined;
        if (retryAfterMs !== undefined) return new UpstreamThrottledError(`jira: ${request} was throttled with 503${said}`, { ...data, retryAfterMs });
        return new UpstreamError(`jira: ${request} answered ${status}${said}`, data, { retryable: status >= 500 });
      }
    }
  };
}
