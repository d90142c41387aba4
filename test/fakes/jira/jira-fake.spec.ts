import assert from 'node:assert/strict';
import { startJiraFake, type JiraFake, type JiraFakeOptions } from './index';

/** Calls the fake's REST API v3 with basic auth (or `authorization` as given). */
async function call(fake: JiraFake, method: string, path: string, body?: unknown, authorization?: string): Promise<{ status: number; headers: Headers; body: any }> {
  const auth = authorization ?? `Basic ${Buffer.from(`${fake.credentials.email}:${fake.credentials.apiToken}`).toString('base64')}`;
  const res = await fetch(`${fake.url}${path}`, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const search = (fake: JiraFake, body: Record<string, unknown>) => call(fake, 'POST', '/rest/api/3/search/jql', body);
const keys = (answer: { body: { issues: Array<{ key: string }> } }) => answer.body.issues.map((i) => i.key);

describe('jira fake', () => {
  let fake: JiraFake;
  const start = async (options: JiraFakeOptions = {}) => {
    fake = await startJiraFake(options);
  };
  afterEach(() => fake?.close());

  it('pages the enhanced search with nextPageToken and isLast, returning only ids unless fields are asked for', async () => {
    await start({ issues: 5 });
    const first = await search(fake, { jql: 'project = DEMO ORDER BY key ASC', maxResults: 2 });
    assert.deepEqual(first.body.issues[0].fields, {});
    assert.equal(first.body.isLast, false);
    const second = await call(fake, 'GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = DEMO ORDER BY key ASC')}&maxResults=2&fields=summary,status&nextPageToken=${first.body.nextPageToken}`);
    assert.deepEqual(keys(second), ['DEMO-3', 'DEMO-4']);
    assert.deepEqual(Object.keys(second.body.issues[0].fields), ['summary', 'status']);
    const other = await search(fake, { jql: 'project = DEMO ORDER BY key DESC', nextPageToken: first.body.nextPageToken });
    assert.equal(other.status, 400, 'a token only continues the query that issued it');
  });

  it('answers the removed search with 410 Gone and an unbounded query with 400, as Jira Cloud does', async () => {
    await start();
    const gone = await call(fake, 'GET', '/rest/api/3/search?jql=project=DEMO');
    assert.equal(gone.status, 410);
    assert.match(gone.body.errorMessages[0], /The requested API has been removed\. Please migrate to the \/rest\/api\/3\/search\/jql API/);
    assert.deepEqual((await search(fake, { jql: 'ORDER BY key' })).body.errorMessages, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
  });

  it("reads JQL dates at minute precision in the user's time zone, and orders keys by number", async () => {
    await start({ issues: 12, startTime: '2024-03-01T10:05:00Z', seedSpacingMs: 60_000, timeZone: 'Europe/Berlin' });
    const recent = await search(fake, { jql: 'project = DEMO AND updated >= "2024-03-01 11:03" ORDER BY updated ASC, key ASC' });
    assert.deepEqual(keys(recent), ['DEMO-10', 'DEMO-11', 'DEMO-12']);
    const byKey = await search(fake, { jql: 'key in (DEMO-9, DEMO-10, DEMO-2) ORDER BY key ASC' });
    assert.deepEqual(keys(byKey), ['DEMO-2', 'DEMO-9', 'DEMO-10']);
    const bad = await search(fake, { jql: 'updated >= "01/03/2024"' });
    assert.match(bad.body.errorMessages[0], /^Date value '01\/03\/2024' for field 'updated' is invalid/);
  });

  it('searches labels, and issue properties only when indexed', async () => {
    await start({ issues: 2, indexedProperties: ['ihub.correlation'] });
    const created = await call(fake, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'DEMO' }, issuetype: { name: 'Bug' }, summary: 'tagged', labels: ['ihub-x'] },
      properties: [{ key: 'ihub.correlation', value: { correlationId: 'x' } }],
    });
    assert.equal(created.status, 201);
    assert.deepEqual(keys(await search(fake, { jql: 'labels = ihub-x' })), ['DEMO-3']);
    assert.deepEqual(keys(await search(fake, { jql: 'issue.property[ihub.correlation].correlationId = "x"' })), ['DEMO-3']);
    const unindexed = await search(fake, { jql: 'issue.property[other].id = "x"' });
    assert.equal(unindexed.status, 400);
  });

  it("validates creates and edits with Jira's field errors, and refuses a status change outside transitions", async () => {
    await start({ issues: 1 });
    const invalid = await call(fake, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'NOPE' }, summary: 'x', description: 'plain text' } });
    assert.deepEqual(invalid.body, {
      errorMessages: [],
      errors: { project: 'Specify a valid project ID or key', description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)', issuetype: 'Specify an issue type' },
    });
    const status = await call(fake, 'PUT', '/rest/api/3/issue/DEMO-1', { fields: { status: { name: 'Done' } } });
    assert.deepEqual(status.body.errors, { status: "Field 'status' cannot be set. It is not on the appropriate screen, or unknown." });
    const transitions = await call(fake, 'GET', '/rest/api/3/issue/DEMO-1/transitions');
    assert.deepEqual(transitions.body.transitions.map((t: { id: string; to: { name: string } }) => [t.id, t.to.name]), [['21', 'In Progress']]);
    assert.equal((await call(fake, 'POST', '/rest/api/3/issue/DEMO-1/transitions', { transition: { id: '31' } })).status, 400);
    assert.equal((await call(fake, 'POST', '/rest/api/3/issue/DEMO-1/transitions', { transition: { id: '21' } })).status, 204);
  });

  it('refuses missing or wrong credentials with 401, bearer tokens only through the gateway', async () => {
    await start();
    assert.equal((await call(fake, 'GET', '/rest/api/3/myself', undefined, '')).status, 401);
    const bearer = `Bearer ${fake.credentials.accessToken}`;
    assert.equal((await call(fake, 'GET', '/rest/api/3/myself', undefined, bearer)).status, 401);
    const viaGateway = await call(fake, 'GET', `/ex/jira/${fake.credentials.cloudId}/rest/api/3/myself`, undefined, bearer);
    assert.equal(viaGateway.status, 200);
    fake.faults.expireAccessToken();
    assert.deepEqual((await call(fake, 'GET', `/ex/jira/${fake.credentials.cloudId}/rest/api/3/myself`, undefined, bearer)).body, { code: 401, message: 'Unauthorized' });
  });

  it("throttles with Jira's rate-limit headers", async () => {
    await start({ startTime: '2024-03-01T10:00:00Z' });
    fake.faults.throttle(1, { retryAfterSeconds: 90 });
    const throttled = await call(fake, 'GET', '/rest/api/3/myself');
    assert.equal(throttled.status, 429);
    assert.deepEqual(
      ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit-reason'].map((h) => throttled.headers.get(h)),
      ['90', '350', '0', '2024-03-01T10:01Z', 'jira-quota-based'],
    );
    assert.equal((await call(fake, 'GET', '/rest/api/3/myself')).status, 200);
  });
});
