import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { FakeClock } from './fake-clock';
import { FakeCredentials, type FakeOAuthClient, type FakeUser } from './fake-credentials';
import { FakeFaults } from './fake-faults';
import { FakeTables } from './fake-tables.store';
import { handleTokenRequest } from './oauth-token.routes';
import { handleTableApi, isTableApiPath } from './table-api.routes';
import { DEFAULT_TABLES, type FakeTableSchema } from './table-schemas';
import { noResource, notAuthenticated, parseJson, readBody, send, vendorError, type WireResponse } from './wire';

/** The integration user every fake knows unless `users` says otherwise. */
export const FAKE_USER: FakeUser = { userName: 'ihub.integration', password: 'fake-password-1' };
/** The OAuth client every fake knows unless `oauthClients` says otherwise. */
export const FAKE_OAUTH_CLIENT: FakeOAuthClient = { clientId: 'fake-client-id-0001', clientSecret: 'fake-client-secret-0001' };

export interface ServiceNowFakeOptions {
  /** Tables to add, or to replace by name, on top of `DEFAULT_TABLES` (incident, change_request, problem, sys_user, sys_user_group, cmdb_ci). */
  tables?: Record<string, FakeTableSchema>;
  /** Records to seed per table. Referenced tables (users, groups, CIs) are seeded first, so references point at real records. */
  seed?: Record<string, number>;
  /** `sys_updated_on` of each table's first seeded record. Default `2024-01-01 00:00:00`. */
  seedStart?: string;
  /** Seconds between consecutive seeded records. Default 60; 0 puts them all in one second. */
  seedSpacingSeconds?: number;
  /** Most records a page may hold (the instance's REST row limit). Default 10000. */
  maxPageSize?: number;
  /** Users that may authenticate (basic auth, OAuth password grant). Default `[FAKE_USER]`. */
  users?: FakeUser[];
  /** OAuth clients. Default `[FAKE_OAUTH_CLIENT]`. */
  oauthClients?: FakeOAuthClient[];
  /** Lifespan of access tokens. Default 1800 s, as the instance's; `expires_in` is one second less. */
  accessTokenLifespanSeconds?: number;
  /** Lifespan of refresh tokens. Default 100 days. */
  refreshTokenLifespanSeconds?: number;
}

/** One call the fake answered. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The auth scheme the call used; `user` is set when its credentials were valid. */
  auth: 'basic' | 'bearer' | 'none';
  user?: string;
  body?: unknown;
  status: number;
}

export interface ServiceNowFake {
  /** Instance URL, e.g. `http://127.0.0.1:49152`: what a connection config calls the endpoint. */
  url: string;
  /** Every table's records; read and change them directly. */
  tables: FakeTables;
  /** Every call answered, oldest first. Clear it with `requests.length = 0`. */
  requests: FakeRequest[];
  faults: FakeFaults;
  /** The instance's time: stamps `sys_updated_on`, ages tokens. */
  clock: FakeClock;
  /** Users, OAuth clients and tokens: issue a refresh token, revoke tokens, count grants. */
  credentials: FakeCredentials;
  close(): Promise<void>;
}

// Referenced tables first, so that seeded references point at records that exist.
const SEED_ORDER = ['sys_user', 'sys_user_group', 'cmdb_ci'];

/**
 * Starts a fake ServiceNow instance on 127.0.0.1 (a free port) speaking the Table API and the
 * OAuth token endpoint as the real instance does. See README.md next to this file.
 */
export async function startServiceNowFake(options: ServiceNowFakeOptions = {}): Promise<ServiceNowFake> {
  const clock = new FakeClock();
  const tables = new FakeTables({ ...DEFAULT_TABLES, ...options.tables }, clock);
  const seedStart = new Date(`${(options.seedStart ?? '2024-01-01 00:00:00').replace(' ', 'T')}Z`);
  const seeds = Object.entries(options.seed ?? {}).sort(([a], [b]) => seedRank(a) - seedRank(b));
  for (const [table, count] of seeds) tables.seed(table, count, seedStart, options.seedSpacingSeconds ?? 60);
  const credentials = new FakeCredentials(
    options.users ?? [FAKE_USER],
    options.oauthClients ?? [FAKE_OAUTH_CLIENT],
    clock,
    options.accessTokenLifespanSeconds ?? 1800,
    options.refreshTokenLifespanSeconds ?? 100 * 24 * 3600,
  );
  const faults = new FakeFaults(credentials, clock);
  const requests: FakeRequest[] = [];
  const maxPageSize = options.maxPageSize ?? 10_000;
  let baseUrl = '';

  async function route(req: IncomingMessage, body: Buffer, url: URL, entry: FakeRequest): Promise<WireResponse> {
    if (url.pathname === '/oauth_token.do') {
      return req.method === 'POST' ? handleTokenRequest(credentials, req.headers['content-type'], body) : vendorError(405, 'Method not Supported', null);
    }
    if (!isTableApiPath(url.pathname)) return noResource();
    const wait = faults.takeDelay();
    if (wait > 0) await delay(wait);
    const failure = faults.takeFailure();
    if (failure) return failure;
    const caller = credentials.authenticate(req.headers.authorization);
    entry.auth = caller.scheme;
    entry.user = caller.userName;
    if (!caller.userName) return notAuthenticated();
    const takeBrokenPage = () => faults.takeBrokenPage();
    return handleTableApi({ tables, baseUrl, maxPageSize, userName: caller.userName, takeBrokenPage }, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: entry.body });
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const body = await readBody(req);
      const entry: FakeRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), auth: 'none', body: parseJson(body), status: 0 };
      requests.push(entry);
      const response = await route(req, body, url, entry);
      entry.status = response.status;
      send(res, response);
    })().catch((err: unknown) => send(res, vendorError(500, 'Internal Server Error', err instanceof Error ? err.message : String(err))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    tables,
    requests,
    faults,
    clock,
    credentials,
    close: async () => {
      // Keep-alive connections of the client under test would otherwise hold the server open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function seedRank(table: string): number {
  const rank = SEED_ORDER.indexOf(table);
  return rank < 0 ? SEED_ORDER.length : rank;
}
