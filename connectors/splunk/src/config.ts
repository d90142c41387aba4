import { createHash } from 'node:crypto';
import { ConfigInvalidError, secret, z } from '@ihub/plugin-kit';

const httpUrl = z.url({ protocol: /^https?$/ });
const name = z.string().min(1);

const ackSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe('Wait for indexer acknowledgement: an event counts as written once Splunk confirms it is indexed. The HEC token must have indexer acknowledgement enabled.'),
    pollIntervalMs: z.number().int().min(10).max(60_000).default(1_000).describe('How often to ask HEC whether the sent batches are indexed.'),
    timeoutMs: z.number().int().min(100).max(600_000).default(60_000).describe('How long to wait for acknowledgement; events still unconfirmed then fail as retryable and are sent again by a later run.'),
  })
  .refine((ack) => ack.timeoutMs >= ack.pollIntervalMs, { message: 'timeoutMs must be at least pollIntervalMs', path: ['timeoutMs'] });

const hecSchema = z.strictObject({
  token: secret(z.string().min(1)).describe('HTTP Event Collector token, sent as `Authorization: Splunk <token>`.'),
  index: name.optional().describe("Index the events go to; default: the token's default index."),
  sourcetype: name.optional().describe("Source type of the events; default: the token's."),
  source: name.optional().describe("Source of the events; default: the token's."),
  host: name.optional().describe('Host of the events; default: the HEC host.'),
  timeField: name.optional().describe("Record field holding the event's time (ISO 8601, or epoch seconds or milliseconds); without it Splunk stamps events when they arrive."),
  channel: z.guid().optional().describe('HEC channel (a GUID). Default: one derived from the integration id, so it is the same across restarts.'),
  ack: ackSchema.prefault({}),
  batch: z
    .strictObject({
      maxEvents: z.number().int().min(1).max(10_000).default(500).describe('Most events per HEC request.'),
      maxBytes: z.number().int().min(1_024).max(100_000_000).default(1_000_000).describe("Most bytes per HEC request; keep it under the server's max_content_length. A single larger event is refused."),
    })
    .prefault({}),
});

const authSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('token'), token: secret(z.string().min(1)).describe('Splunk authentication token, sent as `Authorization: Bearer <token>`.') }),
  z.strictObject({ method: z.literal('basic'), username: name, password: secret(z.string().min(1)) }),
]);

// A time modifier in the SPL overrides the window the connector asks for, which would break incremental reads.
const TIME_MODIFIER = /(^|[\s(])(earliest|latest|_index_earliest|_index_latest)\s*=/i;

const searchSchema = z
  .strictObject({
    query: name.optional().describe('SPL of the search, e.g. `search index=security sourcetype=alert severity=high`. No earliest=/latest=: the connector sets the time range.'),
    savedSearch: name.optional().describe('Name of a saved search to run instead of `query`.'),
    app: name.optional().describe('App context the search runs in (`/servicesNS/-/<app>/…`), e.g. where the saved search lives.'),
    lookbackSeconds: z.number().int().min(1).default(86_400).describe('How far back a full read (no cursor, or one that cannot be read) starts.'),
    lagSeconds: z.number().int().min(0).default(60).describe('Reads stop this long before now, so that events still being indexed are read by the next run rather than missed.'),
  })
  .superRefine((search, ctx) => {
    if ((search.query === undefined) === (search.savedSearch === undefined)) ctx.addIssue({ code: 'custom', path: ['query'], message: 'give exactly one of query and savedSearch' });
    if (search.query !== undefined && TIME_MODIFIER.test(search.query)) ctx.addIssue({ code: 'custom', path: ['query'], message: 'must not set earliest= or latest=; the connector sets the time range' });
  });

/** Connection config: HEC to send events, the REST API to read search results, or both. */
export const configSchema = z
  .strictObject({
    hecUrl: httpUrl.optional().describe('HTTP Event Collector base URL, e.g. `https://splunk.example.com:8088`.'),
    apiUrl: httpUrl.optional().describe('Management (REST API) base URL, e.g. `https://splunk.example.com:8089`.'),
    hec: hecSchema.optional().describe('Sending events; needs hecUrl.'),
    auth: authSchema.optional().describe('Credentials for the REST API; needed for search.'),
    search: searchSchema.optional().describe('Reading search results; needs apiUrl and auth.'),
    timeoutMs: z.number().int().min(1_000).max(600_000).default(30_000).describe('How long one HTTP call may take.'),
    retry: z
      .strictObject({
        retries: z.number().int().min(0).max(10).default(5),
        baseDelayMs: z.number().int().min(1).default(500),
        maxDelayMs: z.number().int().min(1).default(30_000),
        maxRetryAfterMs: z.number().int().min(0).default(300_000).describe('Longest Retry-After (HEC "server busy") waited for in a run; a longer one fails the events as retryable.'),
      })
      .prefault({})
      .describe('Retries of failed calls (busy, 5xx, timeouts), with exponential backoff or as Retry-After says.'),
  })
  .superRefine((config, ctx) => {
    if (!config.hec && !config.search) ctx.addIssue({ code: 'custom', path: [], message: 'configure hec (to send events), search (to read results), or both' });
    if (config.hec && !config.hecUrl) ctx.addIssue({ code: 'custom', path: ['hecUrl'], message: 'required with hec' });
    if (config.search && !config.apiUrl) ctx.addIssue({ code: 'custom', path: ['apiUrl'], message: 'required with search' });
    if (config.search && !config.auth) ctx.addIssue({ code: 'custom', path: ['auth'], message: 'required with search' });
  });

export type SplunkConfig = z.output<typeof configSchema>;
export type HecConfig = NonNullable<SplunkConfig['hec']>;
export type SearchConfig = NonNullable<SplunkConfig['search']>;

/** The HEC settings, or a config error naming what is missing for sending events. */
export function hecConfig(config: SplunkConfig): HecConfig {
  if (!config.hec) throw new ConfigInvalidError([{ path: 'hec', message: 'sending events needs hec (and hecUrl) in the connection config' }], 'splunk connection config');
  return config.hec;
}

/** The search settings, or a config error naming what is missing for reading results. */
export function searchConfig(config: SplunkConfig): SearchConfig {
  if (!config.search) throw new ConfigInvalidError([{ path: 'search', message: 'reading search results needs search (with apiUrl and auth) in the connection config' }], 'splunk connection config');
  return config.search;
}

/**
 * The HEC channel of an integration: the configured one, else a GUID derived from the integration
 * id (name-based, UUID version 5 layout). Acks are only visible on the channel that sent the
 * events, so the channel must not change while a write waits, nor between processes of a cluster.
 */
export function channelOf(config: SplunkConfig, integrationId: string): string {
  if (config.hec?.channel) return config.hec.channel;
  const hash = createHash('sha1').update(`ihub:splunk:channel:${integrationId}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The SPL the search entity runs, as the REST API wants it: starting with a command. */
export function baseSearch(search: SearchConfig): string {
  if (search.savedSearch !== undefined) return `| savedsearch "${search.savedSearch.replace(/(["\\])/g, '\\$1')}"`;
  const query = search.query!.trim();
  return query.startsWith('|') || /^search\s/i.test(query) ? query : `search ${query}`;
}
