import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { FakeClock } from './fake-clock';
import { FaultControls } from './faults';
import { authenticate } from './http/fake-auth';
import { jiraError, readBody, send, type FakeAnswer, type FakeRequest } from './http/fake-http';
import { resolveOptions, type JiraFakeOptions } from './jira-fake.options';
import { PageTokens } from './page-tokens';
import { changelogRoutes } from './routes/changelog.routes';
import { commentRoutes } from './routes/comment.routes';
import { issueRoutes } from './routes/issue.routes';
import { myselfRoutes } from './routes/myself.routes';
import { propertyRoutes } from './routes/property.routes';
import type { FakeApp, Route } from './routes/route.types';
import { searchRoutes } from './routes/search.routes';
import { transitionRoutes } from './routes/transition.routes';
import { seedIssues } from './seed';
import type { FakeIssue } from './store/fake-model';
import { FakeStore } from './store/fake-store';
import { IssueView } from './store/issue-view';

/** One request as the fake received it, for tests to assert on. */
export interface RecordedRequest {
  method: string;
  /** `/rest/api/3/...`, without the OAuth gateway prefix. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** How the request authenticated: `basic`, `bearer`, or `refused`. */
  auth: 'basic' | 'bearer' | 'refused';
  /** The status it was answered with. */
  status: number;
}

export interface JiraFake {
  /** The site, e.g. `http://127.0.0.1:54321` (for basic auth: `{url}/rest/api/3/...`). */
  url: string;
  /** The OAuth 2.0 API gateway: `{gatewayUrl}/ex/jira/{cloudId}/rest/api/3/...`. Same server as `url`. */
  gatewayUrl: string;
  credentials: { email: string; apiToken: string; accessToken: string; cloudId: string };
  /** The site's data; change it directly to set up a test. */
  store: FakeStore;
  /** Every issue, in id order (a fresh array on each read). */
  readonly issues: FakeIssue[];
  /** Every request received, oldest first. */
  requests: RecordedRequest[];
  faults: FaultControls;
  clock: FakeClock;
  /** Renders store data as the API would, with `self` links under `base` (default: the site). */
  viewFor(base?: string): IssueView;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...searchRoutes, ...issueRoutes, ...transitionRoutes, ...commentRoutes, ...propertyRoutes, ...changelogRoutes, ...myselfRoutes];

/**
 * Starts a fake Jira Cloud site on 127.0.0.1 (a free port) speaking REST API v3. See README.md.
 *
 * Wire shapes follow Atlassian's documentation:
 * - enhanced search, `nextPageToken`/`isLast`: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/
 * - removal of `/rest/api/3/search` (410 Gone): https://developer.atlassian.com/changelog/#CHANGE-2046
 * - issues, transitions, changelog: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/
 * - comments: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/
 * - issue properties, JQL on properties only when an app indexes them:
 *   https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/,
 *   https://developer.atlassian.com/cloud/jira/platform/jira-entity-properties/
 * - current user: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/
 * - rate limiting (429, Retry-After, X-RateLimit-*, RateLimit-Reason): https://developer.atlassian.com/cloud/jira/platform/rate-limiting/
 * - basic auth with API tokens: https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/
 * - OAuth 2.0 (3LO) through api.atlassian.com/ex/jira/{cloudId}: https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/
 * - Atlassian Document Format: https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 * - JQL date formats, read in the user's time zone: https://support.atlassian.com/jira-software-cloud/docs/jql-fields/
 * - webhooks, `X-Hub-Signature: sha256=…`: https://developer.atlassian.com/cloud/jira/platform/webhooks/
 */
export async function startJiraFake(input: JiraFakeOptions = {}): Promise<JiraFake> {
  const options = resolveOptions(input);
  const clock = new FakeClock(options.startTime);
  const store = new FakeStore(options, clock);
  seedIssues(store, options.issues, clock.now(), options.seedSpacingMs);
  const tokens = new PageTokens();
  const faults = new FaultControls(store, tokens, () => clock.now());
  const requests: RecordedRequest[] = [];
  let site = '';

  const app: FakeApp = {
    store,
    options,
    tokens,
    view: (request) => new IssueView(store, request.base),
    jqlEnvironment: () => ({ store, now: clock.now(), indexedProperties: new Set(options.indexedProperties) }),
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', site);
    const method = (req.method ?? 'GET').toUpperCase();
    const gateway = /^\/ex\/jira\/([^/]+)(\/.*)$/.exec(url.pathname);
    const path = gateway ? gateway[2] : url.pathname;
    const rawBody = await readBody(req);
    const record: RecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), body: undefined, auth: 'refused', status: 0 };
    requests.push(record);
    const answer = async (a: FakeAnswer, truncate = false): Promise<void> => {
      record.status = a.status;
      send(res, a, truncate);
    };

    if (gateway && gateway[1] !== options.oauth.cloudId) return answer(jiraError(404, ['Site not found']));
    const auth = authenticate(req.headers.authorization, gateway !== null, options, faults.accessTokenExpired);
    if (!auth.ok) return answer(auth.answer);
    record.auth = auth.scheme;
    try {
      record.body = rawBody === '' ? undefined : JSON.parse(rawBody);
    } catch {
      return answer(jiraError(400, ['Unexpected character in the request body: it is not valid JSON.']));
    }

    const decision = faults.decide(method, path);
    if (decision.delayMs) await delay(decision.delayMs);
    if (decision.answer) return answer(decision.answer);

    const request: FakeRequest = { method, path, query: url.searchParams, body: record.body, base: gateway ? `${site}/ex/jira/${gateway[1]}` : site };
    for (const route of ROUTES) {
      const match = route.method === method ? route.path.exec(path) : null;
      if (match) return answer(route.handle(request, match.slice(1), app), decision.truncate);
    }
    return answer(jiraError(404, [`No resource ${method} ${path} on this fake site.`]));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // A bug in the fake, reported as Jira reports its own failures.
      if (!res.headersSent) send(res, jiraError(500, [`jira fake failed: ${err instanceof Error ? err.message : String(err)}`]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: site,
    gatewayUrl: site,
    credentials: { email: options.basic.email, apiToken: options.basic.apiToken, accessToken: options.oauth.accessToken, cloudId: options.oauth.cloudId },
    store,
    get issues() {
      return store.allIssues();
    },
    requests,
    faults,
    clock,
    viewFor: (base = site) => new IssueView(store, base),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
