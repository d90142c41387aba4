/**
 * A fake ServiceNow instance for tests and benchmarks: the Table API and the OAuth token endpoint
 * on a local port, with seeded tables and failures on demand. See README.md next to this file.
 *
 * Wire behaviour follows ServiceNow's documentation:
 * - Table API (GET/POST /now/table/{tableName}, GET/PATCH/PUT/DELETE /now/table/{tableName}/{sys_id},
 *   sysparm_* parameters, Link and X-Total-Count headers):
 *   https://docs.servicenow.com/bundle/utah-api-reference/page/integrate/inbound-rest/concept/c_TableAPI.html
 *   https://docs.servicenow.com/bundle/geneva-servicenow-platform/page/integrate/inbound_rest/reference/r_TableAPI-GET.html
 * - Encoded queries and display values:
 *   https://docs.servicenow.com/bundle/jakarta-servicenow-platform/page/administer/field-administration/concept/c_DisplayValues.html
 * - OAuth token endpoint (/oauth_token.do, password and refresh_token grants, form-encoded, client
 *   credentials in the body): https://docs.servicenow.com/bundle/xanadu-platform-security/page/administer/security/reference/r_OAuthAPIRequestParameters.html
 *   and token lifespans and reuse: https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB0791140
 * - Rate limiting (429, Retry-After, X-RateLimit-Limit/-Reset/-Rule; X-RateLimit-Remaining as
 *   common rate limiters send it): https://www.servicenow.com/docs/r/zurich/api-reference/rest-api-explorer/inbound-REST-API-rate-limiting.html
 * - Basic auth and the error envelope `{ "error": { "message", "detail" }, "status": "failure" }`:
 *   https://docs.servicenow.com/bundle/kingston-application-development/page/integrate/inbound-rest/concept/c_RESTAPISecurity.html
 * - Link header shape (first/prev/next/last, absent for a single page), as instances send it:
 *   https://githubissues.com/ServiceNowITOM/ansible-sn-inventory/15
 */
export { startServiceNowFake, FAKE_OAUTH_CLIENT, FAKE_USER, type FakeRequest, type ServiceNowFake, type ServiceNowFakeOptions } from './servicenow-fake.server';
export { FakeTables, type ChangeStamp, type FakeRecord } from './fake-tables.store';
export { FakeFaults, type BrokenPage, type ThrottleOptions } from './fake-faults';
export { FakeClock, glideDateTime } from './fake-clock';
export { FakeCredentials, type FakeOAuthClient, type FakeUser } from './fake-credentials';
export { DEFAULT_TABLES, SYSTEM_COLUMNS, type FakeTableSchema } from './table-schemas';
export { parseEncodedQuery, matchesQuery, type EncodedQuery } from './encoded-query';
