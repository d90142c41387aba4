import assert from 'node:assert/strict';
import { ConfigInvalidError, NotFoundError, RecordInvalidError, UpstreamAuthError, UpstreamError, UpstreamThrottledError, type UpstreamErrorResponse } from '@ihub/plugin-kit';
import { translateServiceNowError, vendorMessage } from '../src/translate-error';

const failure = (message: string, detail: string | null) => ({ error: { message, detail }, status: 'failure' });

function answer(request: string, status: number, data: unknown, headers: Record<string, string> = {}): UpstreamErrorResponse {
  return { request, status, headers, data, bodyExcerpt: JSON.stringify(data) };
}

const NOW = Date.parse('2024-05-01T12:00:00Z');
const translate = (response: UpstreamErrorResponse) => translateServiceNowError(response, () => NOW);

describe('servicenow error translation', () => {
  it('reads the message and detail of the instance error envelope, and nothing else', () => {
    assert.equal(vendorMessage(failure('User Not Authenticated', 'Required to provide Auth information')), 'User Not Authenticated (Required to provide Auth information)');
    assert.equal(vendorMessage(failure('Invalid table u_nope', null)), 'Invalid table u_nope');
    assert.equal(vendorMessage('<html>Bad gateway</html>'), undefined);
    assert.equal(vendorMessage({ error: 'invalid_grant' }), undefined);
  });

  it('makes a 401 a non-retryable auth error carrying the vendor message', () => {
    const error = translate(answer('GET https://acme.service-now.com/api/now/table/incident', 401, failure('User Not Authenticated', 'Required to provide Auth information')));

    assert.ok(error instanceof UpstreamAuthError);
    assert.equal(error.code, 'IHUB_UPSTREAM_AUTH');
    assert.equal(error.retryable, false);
    assert.match(error.message, /401: User Not Authenticated \(Required to provide Auth information\); check the integration's credentials/);
    assert.equal(error.data.vendorMessage, 'User Not Authenticated (Required to provide Auth information)');
  });

  it('makes a 403 an auth error, but a write a business rule or data policy rejected a record error', () => {
    const acl = translate(answer('GET https://acme.service-now.com/api/now/table/sys_user', 403, failure('Insufficient rights to query records', null)));
    const policy = translate(answer('POST https://acme.service-now.com/api/now/table/incident', 403, failure('Operation Failed', 'Data Policy Exception: Short description is mandatory')));

    assert.ok(acl instanceof UpstreamAuthError);
    assert.match(acl.message, /lacks a role or an ACL denies it/);
    assert.ok(policy instanceof RecordInvalidError);
    assert.equal(policy.code, 'IHUB_RECORD_INVALID');
    assert.match(policy.message, /Data Policy Exception: Short description is mandatory/);
  });

  it('makes a 404 on a record NotFoundError, and on anything else a plain upstream error', () => {
    const record = translate(answer('GET https://acme.service-now.com/api/now/table/incident/46d44a', 404, failure('No Record found', "Record doesn't exist or ACL restricts the record retrieval")));
    const path = translate(answer('GET https://acme.service-now.com/api/now/table', 404, '<html>Not Found</html>'));

    assert.ok(record instanceof NotFoundError);
    assert.deepEqual(record.data, { what: 'servicenow incident record', id: '46d44a' });
    assert.ok(path instanceof UpstreamError && !(path instanceof NotFoundError));
    assert.equal(path.retryable, false);
  });

  it('makes "Invalid table" a config error and a rejected write body a record error', () => {
    const table = translate(answer('GET https://acme.service-now.com/api/now/table/u_nope', 400, failure('Invalid table u_nope', null)));
    const body = translate(answer('POST https://acme.service-now.com/api/now/table/incident', 400, failure('Exception while reading request', 'The payload is not valid JSON.')));

    assert.ok(table instanceof ConfigInvalidError);
    assert.match(table.message, /Invalid table u_nope/);
    assert.ok(body instanceof RecordInvalidError);
  });

  it('makes a 429 a throttled error with the Retry-After wait and the rate-limit rule', () => {
    const error = translate(
      answer('GET https://acme.service-now.com/api/now/table/incident', 429, failure('Too Many Requests', 'Rate limit exceeded'), {
        'retry-after': '120',
        'x-ratelimit-limit': '1000',
        'x-ratelimit-reset': String(NOW / 1000 + 120),
        'x-ratelimit-rule': 'c1c4d3d0',
      }),
    );

    assert.ok(error instanceof UpstreamThrottledError);
    assert.equal(error.retryable, true);
    assert.equal(error.retryAfterMs, 120_000);
    assert.deepEqual(error.data.rateLimit, { limit: '1000', reset: String(NOW / 1000 + 120), rule: 'c1c4d3d0' });
  });

  it('waits until X-RateLimit-Reset when a 429 has no Retry-After', () => {
    const error = translate(answer('GET https://acme.service-now.com/api/now/table/incident', 429, failure('Too Many Requests', null), { 'x-ratelimit-reset': String(NOW / 1000 + 30) }));

    assert.ok(error instanceof UpstreamThrottledError);
    assert.equal(error.retryAfterMs, 30_000);
  });

  it('makes a 503 with a wait throttled, and 5xx without one a retryable upstream error', () => {
    const busy = translate(answer('GET https://acme.service-now.com/api/now/table/incident', 503, failure('Service Unavailable', null), { 'retry-after': '5' }));
    const down = translate(answer('GET https://acme.service-now.com/api/now/table/incident', 503, failure('Service Unavailable', null)));
    const broken = translate(answer('PATCH https://acme.service-now.com/api/now/table/incident/1', 500, failure('Internal Server Error', null)));

    assert.ok(busy instanceof UpstreamThrottledError);
    assert.ok(down instanceof UpstreamError && !(down instanceof UpstreamThrottledError));
    assert.equal(down.retryable, true);
    assert.equal(broken.retryable, true);
    assert.match(broken.message, /answered 500: Internal Server Error/);
  });
});
