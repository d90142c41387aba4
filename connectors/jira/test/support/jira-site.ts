import type { ConnectorContext, EntityDefinition, ListPage, Logger } from '@ihub/plugin-kit';
import { startJiraFake, type JiraFake, type JiraFakeOptions } from '../../../../test/fakes/jira';
import { configSchema, type JiraConfig } from '../../src/config';
import { createJiraClient, type JiraClient } from '../../src/transport';

/** A logger that keeps warnings, so tests can assert on them. */
export class RecordingLogger implements Logger {
  readonly warnings: string[] = [];
  debug(): void {}
  info(): void {}
  warn(...args: unknown[]): void {
    this.warnings.push(args.map(String).join(' '));
  }
  error(): void {}
}

/** Connection config for basic auth (email + API token) against `fake`. */
export function basicConfig(fake: JiraFake, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { siteUrl: fake.url, auth: { type: 'basic', email: fake.credentials.email, apiToken: fake.credentials.apiToken }, projects: ['DEMO'], ...overrides };
}

/** Connection config for an OAuth 2.0 access token through `fake`'s API gateway. */
export function oauthConfig(fake: JiraFake, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    siteUrl: fake.url,
    auth: { type: 'oauth2', accessToken: fake.credentials.accessToken, cloudId: fake.credentials.cloudId, apiUrl: fake.gatewayUrl },
    projects: ['DEMO'],
    ...overrides,
  };
}

export interface TestContext {
  ctx: ConnectorContext<JiraConfig, JiraClient>;
  logger: RecordingLogger;
  /** Every wait the HTTP transport asked for, in ms; the waits themselves are skipped. */
  delays: number[];
}

/** The context the hub would hand the connector, with waits between retries recorded instead of slept. */
export function contextFor(rawConfig: Record<string, unknown>): TestContext {
  const config = configSchema.parse(rawConfig);
  const logger = new RecordingLogger();
  const delays: number[] = [];
  const client = createJiraClient(config, logger, {
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
  });
  return { ctx: { config, client, logger, integration: { id: 'int-jira', name: 'jira', tenantId: 'tenant-1' }, signal: new AbortController().signal }, logger, delays };
}

/** Starts a fake site for each test and closes it after; `site.fake` is the current one. */
export function useJiraSite(options: JiraFakeOptions = {}): { readonly fake: JiraFake } {
  const site: { fake?: JiraFake } = {};
  beforeEach(async () => {
    site.fake = await startJiraFake(options);
  });
  afterEach(async () => {
    await site.fake?.close();
    site.fake = undefined;
  });
  return {
    get fake(): JiraFake {
      if (!site.fake) throw new Error('the fake Jira site runs only inside a test');
      return site.fake;
    },
  };
}

/** Every page of one read from `cursor` until a page says there is no more. */
export async function listAll(entity: EntityDefinition<JiraConfig, JiraClient>, ctx: ConnectorContext<JiraConfig, JiraClient>, pageSize: number, cursor: string | null = null, filter?: string): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  for (;;) {
    const page = await entity.list!(ctx, { cursor, pageSize, filter });
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
}

export const idsOf = (pages: ListPage[]): string[] => pages.flatMap((p) => p.records.map((r) => r.id));

/** The JQL of every search the fake received, oldest first. */
export const searchedJql = (fake: JiraFake): string[] => fake.requests.filter((r) => r.path === '/rest/api/3/search/jql').map((r) => r.query.jql ?? String((r.body as { jql?: string } | undefined)?.jql));
