import { setTimeout as delay } from 'node:timers/promises';
import {
  basicAuth,
  bearerToken,
  ConfigInvalidError,
  createHttpTransport,
  parseRetryAfter,
  RecordInvalidError,
  UpstreamAuthError,
  UpstreamError,
  UpstreamThrottledError,
  type AuthHook,
  type HttpTransport,
  type HttpTransportOptions,
  type HubError,
  type Logger,
  type UpstreamErrorResponse,
} from '@ihub/plugin-kit';
import { channelOf, type SplunkConfig } from './config';

/**
 * The only code of this connector that talks to Splunk, and the one place where Splunk's answers
 * become the kit's errors: HEC status codes (see "Troubleshoot HTTP Event Collector") and the
 * REST API's `{"messages":[…]}` bodies.
 */

/** What `connect` opens for an integration. */
export interface SplunkClient {
  readonly config: SplunkConfig;
  /** The HEC channel every HEC call goes on; acks are only visible on the channel that sent the events. */
  readonly channel: string;
  readonly hec?: HttpTransport;
  readonly api?: HttpTransport;
  /** Waits between ack polls. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  now(): number;
}

/** Clock and randomness, injectable so that tests record waits instead of waiting. */
export type ClientClock = Pick<HttpTransportOptions, 'sleep' | 'now' | 'random'>;

const NAME = 'splunk';

export function createSplunkClient(config: SplunkConfig, integrationId: string, logger: Logger, clock: ClientClock = {}): SplunkClient {
  const sleep = clock.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  const common = { name: NAME, timeoutMs: config.timeoutMs, logger, ...clock, sleep };
  // HEC is at-least-once: re-sending a batch after a 5xx or a timeout may duplicate events, which
  // is the lesser harm than dropping them; export is a read that happens to be a POST.
  const retry = { ...config.retry, retryNonIdempotent: true };
  const channel = channelOf(config, integrationId);
  return {
    config,
    channel,
    hec: config.hec && createHttpTransport({ ...common, baseURL: config.hecUrl, retry, auth: hecToken(config.hec.token), headers: { 'X-Splunk-Request-Channel': channel }, translateError: translateHecError }),
    api: config.auth && createHttpTransport({ ...common, baseURL: config.apiUrl, retry, auth: apiAuth(config.auth), translateError: translateApiError }),
    sleep,
    now: clock.now ?? Date.now,
  };
}

/** Sends HEC events (JSON objects, one per line) in one request; resolves with the batch's ackId when the token has acknowledgement on. */
export async function sendEvents(client: SplunkClient, body: string, signal: AbortSignal): Promise<{ ackId?: number }> {
  const response = await hecOf(client).post<{ ackId?: unknown }>('/services/collector/event', body, { headers: { 'Content-Type': 'application/json' }, signal });
  const ackId = response.data?.ackId;
  return typeof ackId === 'number' ? { ackId } : {};
}

/** The ackIds of `ids` that HEC reports indexed. HEC forgets an ackId once it reported it true. */
export async function confirmedAcks(client: SplunkClient, ids: number[], signal: AbortSignal): Promise<number[]> {
  const response = await hecOf(client).post<{ acks?: Record<string, unknown> }>('/services/collector/ack', { acks: ids }, { signal });
  const acks = response.data?.acks ?? {};
  return ids.filter((id) => acks[String(id)] === true);
}

/** Resolves when HEC says it is healthy; rejects with the translated error otherwise. */
export async function checkHecHealth(client: SplunkClient, signal: AbortSignal): Promise<void> {
  await hecOf(client).get('/services/collector/health', { signal });
}

export interface ExportRequest {
  search: string;
  /** Start of the time range, epoch ms, inclusive. */
  earliestMs: number;
  /** End of the time range, epoch ms, exclusive. */
  latestMs: number;
}

/**
 * Runs a search through `search/jobs/export` and returns its JSON-lines answer as text. The kit's
 * transport reads the whole body, so callers bound its size in the SPL (`| head`).
 */
export async function exportSearch(client: SplunkClient, request: ExportRequest, signal: AbortSignal): Promise<string> {
  const app = client.config.search?.app;
  const path = app === undefined ? '/services/search/jobs/export' : `/servicesNS/-/${encodeURIComponent(app)}/search/jobs/export`;
  const form = new URLSearchParams({ search: request.search, earliest_time: epochSeconds(request.earliestMs), latest_time: epochSeconds(request.latestMs), output_mode: 'json' });
  const response = await apiOf(client).post<unknown>(path, form, { responseType: 'text', signal });
  return typeof response.data === 'string' ? response.data : '';
}

// Splunk takes epoch seconds with a fraction for earliest_time and latest_time.
const epochSeconds = (ms: number): string => (ms / 1000).toFixed(3);

function hecOf(client: SplunkClient): HttpTransport {
  if (!client.hec) throw new ConfigInvalidError([{ path: 'hec', message: 'sending events needs hec and hecUrl' }], 'splunk connection config');
  return client.hec;
}

function apiOf(client: SplunkClient): HttpTransport {
  if (!client.api) throw new ConfigInvalidError([{ path: 'auth', message: 'the REST API needs apiUrl and auth' }], 'splunk connection config');
  return client.api;
}

function hecToken(token: string): AuthHook {
  return {
    apply(request) {
      request.headers.Authorization = `Splunk ${token}`;
    },
    secrets: () => [token],
  };
}

function apiAuth(auth: NonNullable<SplunkConfig['auth']>): AuthHook {
  return auth.method === 'token' ? bearerToken(auth.token) : basicAuth(auth.username, auth.password);
}

const HEC_AUTH_CODES = new Set([1, 2, 3, 4, 16]);
const HEC_EVENT_CODES = new Set([6, 12, 13, 15]);

/** Maps a HEC error answer by its `code`; answers without one (a proxy's 502) keep the kit's mapping. */
function translateHecError(response: UpstreamErrorResponse): HubError | undefined {
  const answer = jsonOf(response.data) as { text?: unknown; code?: unknown; 'invalid-event-number'?: unknown } | undefined;
  const details = { request: response.request, status: response.status, body: response.bodyExcerpt };
  if (response.status === 413) return configError('hec.batch.maxBytes', `HEC refused a request of this size (413); lower hec.batch.maxBytes below the server's max_content_length`);
  if (typeof answer?.code !== 'number') return undefined;
  const code = answer.code;
  const said = `${typeof answer.text === 'string' ? answer.text : 'error'} (HEC code ${code})`;
  const at = answer['invalid-event-number'];
  const hec = { ...details, hecCode: code, ...(typeof at === 'number' ? { invalidEventNumber: at } : {}) };
  if (HEC_AUTH_CODES.has(code)) return new UpstreamAuthError(`${NAME}: ${response.request} refused the HEC token: ${said}; check hec.token and that the token is enabled`, hec);
  if (HEC_EVENT_CODES.has(code)) return new RecordInvalidError(`${NAME}: HEC refused event ${typeof at === 'number' ? at : '?'} of the batch: ${said}`, hec);
  if (code === 7) return configError('hec.index', `HEC answered ${said}: the index does not exist or the token may not write to it`);
  if (code === 10 || code === 11) return configError('hec.channel', `HEC answered ${said}: hec.channel must be a GUID`);
  if (code === 14) return configError('hec.ack.enabled', `HEC answered ${said}: the token has indexer acknowledgement turned off`);
  // Busy means the request was turned away before it was processed: always worth sending again later.
  if (code === 9) return new UpstreamThrottledError(`${NAME}: ${response.request} answered ${said}`, { ...hec, retryAfterMs: parseRetryAfter(response.headers['retry-after'], Date.now()) });
  return new UpstreamError(`${NAME}: ${response.request} answered ${said}`, hec, { retryable: response.status >= 500 });
}

/** Maps a REST API error answer, whose body is `{"messages":[{"type","text"}]}`. */
function translateApiError(response: UpstreamErrorResponse): HubError | undefined {
  const messages = (jsonOf(response.data) as { messages?: Array<{ text?: unknown }> } | undefined)?.messages;
  const said = Array.isArray(messages) ? messages.map((m) => String(m?.text ?? '')).join('; ') : response.bodyExcerpt;
  const details = { request: response.request, status: response.status, body: response.bodyExcerpt };
  if (response.status === 401 || response.status === 403) {
    return new UpstreamAuthError(`${NAME}: ${response.request} refused the credentials (${response.status}: ${said}); check auth`, details);
  }
  // Splunk answers 400 to a search it cannot parse or run: the search is the user's to fix.
  if (response.status === 400) return configError('search', `Splunk refused the search: ${said}`);
  return undefined;
}

function configError(path: string, message: string): ConfigInvalidError {
  return new ConfigInvalidError([{ path, message }], 'splunk connection config');
}

function jsonOf(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
