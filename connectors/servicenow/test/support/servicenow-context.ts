import type { ListPage } from '@ihub/plugin-kit';
import { FAKE_OAUTH_CLIENT, FAKE_USER, type ServiceNowFake } from '../../../../test/fakes/servicenow';
import { configSchema } from '../../src/config';
import type { EntityName } from '../../src/entities/entity-catalog';
import { tableEntities } from '../../src/entities/table-entity';
import { createServiceNowClient, type ClientOptions, type ServiceNowContext } from '../../src/servicenow.transport';

/** Retries that do not wait long, should a test let them sleep at all. */
export const FAST_RETRY = { retries: 3, baseDelayMs: 1, maxDelayMs: 5 };

/** A logger that keeps what it was told, so tests can assert on warnings. */
export class RecordingLogger {
  readonly warnings: string[] = [];
  debug(): void {}
  info(): void {}
  warn(...args: unknown[]): void {
    this.warnings.push(args.join(' '));
  }
  error(): void {}
}

/** A raw connection config for the fake: basic auth as its integration user, fast retries; `overrides` replace top-level keys. */
export function basicConfig(fake: ServiceNowFake, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { endpoint: fake.url, auth: { method: 'basic', username: FAKE_USER.userName, password: FAKE_USER.password }, retry: FAST_RETRY, ...overrides };
}

/** A raw connection config for the fake with the OAuth password grant. */
export function oauthPasswordConfig(fake: ServiceNowFake, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const auth = { method: 'oauth2-password', clientId: FAKE_OAUTH_CLIENT.clientId, clientSecret: FAKE_OAUTH_CLIENT.clientSecret, username: FAKE_USER.userName, password: FAKE_USER.password };
  return basicConfig(fake, { auth, ...overrides });
}

export type TestContext = ServiceNowContext & { logger: RecordingLogger; sleeps: number[] };

/**
 * The context the hub would build for `rawConfig`, with a client whose waits between retries are
 * recorded in `sleeps` instead of slept, so tests see how long the transport would have waited.
 */
export function contextFor(rawConfig: Record<string, unknown>, options: Omit<ClientOptions, 'sleep' | 'logger'> = {}): TestContext {
  const config = configSchema.parse(rawConfig);
  const logger = new RecordingLogger();
  const sleeps: number[] = [];
  const sleep = async (ms: number): Promise<void> => {
    sleeps.push(ms);
  };
  const client = createServiceNowClient(config, { ...options, logger, sleep });
  return { config, client, logger, sleeps, integration: { id: 'int-1', name: 'snow', tenantId: 'tenant-1' }, signal: new AbortController().signal };
}

/** Every page of one read of `entity`, from `cursor` until a page says there is no more. */
export async function listAll(ctx: ServiceNowContext, entity: EntityName, pageSize: number, cursor: string | null = null, filter?: string): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  for (;;) {
    const page = await tableEntities[entity].list!(ctx, { cursor, pageSize, filter });
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
    if (pages.length > 1000) throw new Error('more than 1000 pages: the read does not end');
  }
}

/** The ids of every record of the pages, in order. */
export const idsOf = (pages: ListPage[]): string[] => pages.flatMap((p) => p.records.map((r) => r.id));
