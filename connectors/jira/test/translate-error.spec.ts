import assert from 'node:assert/strict';
import { NotFoundError, RecordInvalidError, UpstreamAuthError, UpstreamError, UpstreamThrottledError, type UpstreamErrorResponse } from '@ihub/plugin-kit';
import { translateJiraError } from '../src/translate-error';

const NOW = Date.parse('2024-03-01T10:00:00Z');
const translate = translateJiraError('basic', () => NOW);

function answer(status: number, data: unknown, headers: Record<string, string> = {}): UpstreamErrorResponse {
  return { request: 'GET https://acme.atlassian.net/rest/api/3/issue/DEMO-1', status, headers, data, bodyExcerpt: JSON.stringify(data) };
}

describe('translateJiraError', () => {
  it("turns 401 and 403 into non-retryable UpstreamAuthErrors carrying Jira's message", () => {
    const unauthorized = translate(answer(401, { errorMessages: ['Client must be authenticated to access this resource.'], errors: {} }));
    assert.ok(unauthorized instanceof UpstreamAuthError);
    assert.equal(unauthorized.code, 'IHUB_UPSTREAM_AUTH');
    assert.equal(unauthorized.retryable, false);
    assert.match(unauthorized.message, /401: Client must be authenticated to access this resource\.; check the integration's email and API token/);

    const forbidden = translate(answer(403, { errorMessages: ['You do not have the permission to see the specified issue.'], errors: {} }));
    assert.ok(forbidden instanceof UpstreamAuthError);
    assert.match(forbidden.message, /403: You do not have the permission to see the specified issue\./);
  });

  it("reads the API gateway's own body for a refused OAuth token and says to renew it", () => {
    const expired = translateJiraError('oauth2')(answer(401, { code: 401, message: 'Unauthorized' }));
    assert.ok(expired instanceof UpstreamAuthError);
    assert.match(expired.message, /401: Unauthorized; the OAuth access token is invalid or has expired: renew it/);
  });

  it('turns 404 into NotFoundError', () => {
    const missing = translate(answer(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} }));
    assert.ok(missing instanceof NotFoundError);
    assert.match(missing.message, /Issue does not exist/);
  });

  it('turns 429 into a throttle with the wait of Retry-After, else of X-RateLimit-Reset', () => {
    const withRetryAfter = translate(answer(429, { errorMessages: ['Rate limit exceeded.'] }, { 'retry-after': '7', 'ratelimit-reason': 'jira-quota-based' }));
    assert.ok(withRetryAfter instanceof UpstreamThrottledError);
    assert.equal(withRetryAfter.retryAfterMs, 7000);
    assert.equal(withRetryAfter.retryable, true);
    assert.match(withRetryAfter.message, /429 \(jira-quota-based\): Rate limit exceeded\./);

    const withReset = translate(answer(429, {}, { 'x-ratelimit-reset': '2024-03-01T10:02Z' }));
    assert.equal((withReset as UpstreamThrottledError).retryAfterMs, 120_000);
  });

  it('names the fields of a 400 with field errors in a RecordInvalidError, and keeps other 400s as non-retryable upstream errors', () => {
    const fields = translate(answer(400, { errorMessages: [], errors: { priority: "Priority name 'Urgent' is not valid", summary: 'You must specify a summary of the issue.' } }));
    assert.ok(fields instanceof RecordInvalidError);
    assert.deepEqual(fields.data.fields, { priority: "Priority name 'Urgent' is not valid", summary: 'You must specify a summary of the issue.' });
    assert.match(fields.message, /priority: Priority name 'Urgent' is not valid; summary: You must specify a summary/);

    const jql = translate(answer(400, { errorMessages: ["Field 'colour' does not exist or you do not have permission to view it."], errors: {} }));
    assert.ok(jql instanceof UpstreamError && !(jql instanceof RecordInvalidError));
    assert.equal(jql.retryable, false);
    assert.match(jql.message, /Field 'colour' does not exist/);
  });

  it('keeps 5xx retryable, and treats a 503 with Retry-After as a throttle', () => {
    const failed = translate(answer(500, { errorMessages: ['Internal server error'], errors: {} }));
    assert.ok(failed instanceof UpstreamError);
    assert.equal(failed.retryable, true);
    assert.match(failed.message, /answered 500: Internal server error/);
    const shedding = translate(answer(503, 'Service Unavailable', { 'retry-after': '3' }));
    assert.ok(shedding instanceof UpstreamThrottledError);
    assert.equal(shedding.retryAfterMs, 3000);
  });
});
