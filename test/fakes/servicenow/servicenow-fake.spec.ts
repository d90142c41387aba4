import assert from 'node:assert/strict';
import { FAKE_OAUTH_CLIENT, FAKE_USER, matchesQuery, parseEncodedQuery, startServiceNowFake, type ServiceNowFake } from './index';

const basic = `Basic ${Buffer.from(`${FAKE_USER.userName}:${FAKE_USER.password}`).toString('base64')}`;

async function call(fake: ServiceNowFake, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${fake.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: basic, 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('servicenow fake: encoded queries', () => {
  const record = { number: 'INC0010001', priority: '2', active: 'true', short_description: 'Email is down', assigned_to: '', sys_updated_on: '2024-01-01 10:00:00' };
  const known = () => true;
  const holds = (query: string) => matchesQuery(record, parseEncodedQuery(query), known);

  it('evaluates comparisons, LIKE and emptiness', () => {
    assert.ok(holds('priority>=2^priority<3^short_descriptionLIKEemail^assigned_toISEMPTY^numberISNOTEMPTY'));
    assert.ok(holds('sys_updated_on>=2024-01-01 10:00:00') && !holds('sys_updated_on>2024-01-01 10:00:00'));
    assert.ok(!holds('priority!=2') && holds('numberSTARTSWITHinc') && holds('priorityIN1,2,3') && !holds('short_descriptionNOT LIKEdown'));
  });

  it('binds ^OR to the condition before it, tighter than ^, and ORs whole queries with ^NQ', () => {
    assert.ok(holds('active=false^ORpriority=2'));
    assert.ok(!holds('active=false^priority=1^ORpriority=2'));
    assert.ok(holds('active=false^NQpriority=2'));
  });

  it('ignores conditions on fields the table does not have, as the instance does', () => {
    assert.ok(matchesQuery(record, parseEncodedQuery('u_nope=1^priority=2'), (f) => f !== 'u_nope'));
  });

  it('reads orderings in order of precedence', () => {
    assert.deepEqual(parseEncodedQuery('active=true^ORDERBYsys_updated_on^ORDERBYDESCnumber^EQ').orderBy, [
      { field: 'sys_updated_on', descending: false },
      { field: 'number', descending: true },
    ]);
  });
});

describe('servicenow fake: Table API', () => {
  let fake: ServiceNowFake;
  beforeEach(async () => {
    fake = await startServiceNowFake({ seed: { sys_user: 1, incident: 5 } });
  });
  afterEach(() => fake.close());

  it('pages with sysparm_limit/offset, X-Total-Count and first/prev/next/last links', async () => {
    const { status, headers, body } = await call(fake, '/api/now/table/incident?sysparm_limit=2&sysparm_offset=2&sysparm_query=ORDERBYnumber');

    assert.equal(status, 200);
    assert.equal(headers.get('x-total-count'), '5');
    assert.deepEqual(body.result.map((r: { number: string }) => r.number), ['INC0010003', 'INC0010004']);
    const rels = headers.get('link')!.split(',').map((l) => /rel="(\w+)"/.exec(l)![1]);
    assert.deepEqual(rels, ['first', 'prev', 'next', 'last']);
    assert.match(headers.get('link')!, /\?sysparm_limit=2&sysparm_offset=4&sysparm_query=ORDERBYnumber>;rel="next"/);
  });

  it('renders references per display mode and reference-link setting', async () => {
    const user = fake.tables.all('sys_user')[0];
    const field = async (params: string) => (await call(fake, `/api/now/table/incident?sysparm_limit=1&sysparm_fields=caller_id&${params}`)).body.result[0].caller_id;

    assert.deepEqual(await field(''), { link: `${fake.url}/api/now/table/sys_user/${user.sys_id}`, value: user.sys_id });
    assert.equal(await field('sysparm_exclude_reference_link=true'), user.sys_id);
    assert.deepEqual(await field('sysparm_display_value=true'), { display_value: 'User 1', link: `${fake.url}/api/now/table/sys_user/${user.sys_id}` });
    assert.deepEqual(await field('sysparm_display_value=all&sysparm_exclude_reference_link=true'), { display_value: 'User 1', value: user.sys_id });
  });

  it('creates with 201, updates only what changed, and answers the instance errors', async () => {
    const created = await call(fake, '/api/now/table/incident', { method: 'POST', body: { short_description: 'new', u_unknown: 'dropped' } });
    const id = created.body.result.sys_id;
    const same = await call(fake, `/api/now/table/incident/${id}`, { method: 'PATCH', body: { short_description: 'new' } });
    const changed = await call(fake, `/api/now/table/incident/${id}`, { method: 'PUT', body: { state: '2' } });

    assert.equal(created.status, 201);
    assert.equal(created.body.result.u_unknown, undefined);
    assert.equal(created.body.result.sys_created_by, FAKE_USER.userName);
    assert.equal(same.body.result.sys_mod_count, '0');
    assert.equal(changed.body.result.sys_mod_count, '1');
    assert.deepEqual((await call(fake, '/api/now/table/incident/nope')).body, { error: { message: 'No Record found', detail: "Record doesn't exist or ACL restricts the record retrieval" }, status: 'failure' });
    assert.deepEqual((await call(fake, '/api/now/table/u_nope')).body, { error: { message: 'Invalid table u_nope', detail: null }, status: 'failure' });
    assert.deepEqual((await call(fake, '/api/now/table/incident', { headers: { authorization: 'Basic bm9ib2R5Og==' } })).body, {
      error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' },
      status: 'failure',
    });
  });

  it('adds a write of a journal field to the journal in sys_journal_field, stamping the record, which reads the field as empty', async () => {
    const created = await call(fake, '/api/now/table/incident', { method: 'POST', body: { short_description: 'new', comments: 'first' } });
    const id = created.body.result.sys_id;
    const again = await call(fake, `/api/now/table/incident/${id}`, { method: 'PATCH', body: { comments: 'first' } });
    const journal = await call(fake, `/api/now/table/sys_journal_field?sysparm_query=element_id=${id}^element=comments&sysparm_fields=name,element,value`);

    assert.equal(created.body.result.comments, '');
    assert.equal(again.body.result.sys_mod_count, '1', 'an entry is a change, even with the same text');
    assert.deepEqual(journal.body.result, [{ name: 'incident', element: 'comments', value: 'first' }, { name: 'incident', element: 'comments', value: 'first' }]);
  });

  it('issues tokens with the password grant, returning the live one again, and refuses a JSON token request', async () => {
    const form = new URLSearchParams({ grant_type: 'password', client_id: FAKE_OAUTH_CLIENT.clientId, client_secret: FAKE_OAUTH_CLIENT.clientSecret, username: FAKE_USER.userName, password: FAKE_USER.password });
    const grant = () => call(fake, '/oauth_token.do', { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: '' } });

    const first = await grant();
    const second = await grant();
    const json = await call(fake, '/oauth_token.do', { method: 'POST', body: Object.fromEntries(form), headers: { authorization: '' } });

    assert.deepEqual([first.status, first.body.token_type, first.body.expires_in, first.body.scope], [200, 'Bearer', 1799, 'useraccount']);
    assert.equal(second.body.access_token, first.body.access_token);
    assert.equal((await call(fake, '/api/now/table/incident?sysparm_limit=1', { headers: { authorization: `Bearer ${first.body.access_token}` } })).status, 200);
    assert.equal(json.status, 400);
  });
});
