import type { ConnectorContext, ListPage, WriteOperation } from '@ihub/plugin-kit';
import { configSchema, type SplunkConfig } from '../../src/config';
import { searchEntity } from '../../src/entities/search-entity';
import { createSplunkClient, type ClientClock, type SplunkClient } from '../../src/transport';
import { DEFAULT_API_TOKEN, DEFAULT_HEC_TOKEN, type SeedEvent, type SplunkFake } from '../../../../test/fakes/splunk';

export type SplunkContext = ConnectorContext<SplunkConfig, SplunkClient> & { logger: RecordingLogger };

/** Retries that take no time to speak of, so failure paths stay fast. */
export const FAST_RETRY = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 };

/** A logger that keeps its warnings, so tests can assert on them. */
export class RecordingLogger {
  readonly warnings: string[] = [];
  debug(): void {}
  info(): void {}
  warn(...args: unknown[]): void {
    this.warnings.push(args.map(String).join(' '));
  }
  error(): void {}
}

/** Connection config for sending events to `fake`; `hec` overrides the HEC settings. */
export function hecSettings(fake: SplunkFake, hec: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { hecUrl: fake.url, hec: { token: DEFAULT_HEC_TOKEN, index: 'main', ...hec }, retry: FAST_RETRY, ...rest };
}

/** Connection config for reading a search from `fake`; `search` overrides the search settings. */
export function searchSettings(fake: SplunkFake, search: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiUrl: fake.url, auth: { method: 'token', token: DEFAULT_API_TOKEN }, search: { query: 'search index=main', ...search }, retry: FAST_RETRY, ...rest };
}

/** The context the hub would hand the connector, with the clock `clock` for waits and "now". */
export function splunkContext(rawConfig: Record<string, unknown>, clock: ClientClock = {}, integrationId = 'int-1'): SplunkContext {
  const config = configSchema.parse(rawConfig);
  const logger = new RecordingLogger();
  return {
    config,
    client: createSplunkClient(config, integrationId, logger, clock),
    logger,
    integration: { id: integrationId, name: 'splunk', tenantId: 'tenant-1' },
    signal: new AbortController().signal,
  };
}

/** A sleep that records what it was asked to wait and returns at once. */
export function recordingSleep(): { delays: number[]; sleep: (ms: number) => Promise<void> } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** Every page of one read, from `cursor` until a page says there is no more. */
export async function listAll(ctx: SplunkContext, pageSize: number, cursor: string | null = null, filter?: string): Promise<ListPage[]> {
  const pages: ListPage[] = [];
  for (;;) {
    const page = await searchEntity.list!(ctx, { cursor, pageSize, filter });
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return pages;
  }
}

/** `count` JSON events in `main`, one second apart, ending `endsAgoSeconds` before `nowMs`. */
export function eventsBefore(nowMs: number, count: number, endsAgoSeconds = 3_600): SeedEvent[] {
  const last = nowMs / 1000 - endsAgoSeconds;
  return Array.from({ length: count }, (_, i) => ({ time: last - (count - 1 - i), sourcetype: 'alert', event: { n: i, severity: i % 2 === 0 ? 'high' : 'low' } }));
}

export const create = (data: Record<string, unknown>, correlationId: string, mayExist = false): WriteOperation => ({ op: 'create', data, options: { correlationId, mayExist } });
