/** A field value as Splunk returns it: one string, or several for a multivalue field. */
export type FieldValue = string | string[];

/** An event to make searchable, as a test or benchmark seeds it. */
export interface SeedEvent {
  /** Event time: epoch seconds (fractions allowed) or an ISO timestamp. */
  time: number | string;
  /** Default `main`. */
  index?: string;
  host?: string;
  source?: string;
  sourcetype?: string;
  /** A string becomes `_raw` as it is; an object is stored as its JSON and its fields are extracted. */
  event: string | Record<string, unknown>;
  /** Indexed fields, as HEC's `fields` carries them. */
  fields?: Record<string, FieldValue>;
}

/** How one HEC token behaves, as its `inputs.conf` stanza would say. */
export interface HecTokenOptions {
  /** Indexer acknowledgement (`useACK`): answers carry an `ackId` and a channel is required. */
  ack?: boolean;
  disabled?: boolean;
  /** Indexes the token may write to; default every index the fake has. */
  indexes?: string[];
  /** Index of events that name none; default `main`. */
  defaultIndex?: string;
}

export interface SplunkFakeOptions {
  /** HEC tokens by value; default one token, `DEFAULT_HEC_TOKEN`, without acknowledgement. */
  hecTokens?: Record<string, HecTokenOptions>;
  /** Authentication tokens the REST API accepts as `Bearer` or `Splunk`; default `[DEFAULT_API_TOKEN]`. */
  apiTokens?: string[];
  /** Users for Basic authentication, name to password; default `{ admin: 'changeme' }`. */
  users?: Record<string, string>;
  /** Indexes that exist; default `['main']`. HEC answers code 7 for others. */
  indexes?: string[];
  events?: SeedEvent[];
  /** Saved searches by name, for `| savedsearch <name>`. */
  savedSearches?: Record<string, string>;
  /** How long after it was received a batch's ackId stays false. Default 0. */
  ackDelayMs?: number;
}

/** A canned HEC error answer; the HTTP status is the one Splunk documents for the code. */
export interface HecErrorAnswer {
  code: number;
  invalidEventNumber?: number;
  /** Sent as `Retry-After` (Splunk sends it with code 9, server busy). */
  retryAfterSeconds?: number;
}

/** Failures on demand. The object is live: tests change it between calls. */
export interface SplunkFaults {
  /** Answers the next HEC event requests, one each, with these errors before looking at them. */
  hecErrors: HecErrorAnswer[];
  /** The next N requests to any endpoint answer 500. */
  serverErrors: number;
  /** The health endpoint answers 503, code 18. */
  unhealthy: boolean;
  /**
   * Events, by `_cd`, whose result lines export writes cut short (not JSON), in every answer that
   * holds them. The n-th event stored in an index has `_cd` `0:<n>`.
   */
  malformedEvents: string[];
  /** Export answers end, cleanly, in the middle of the line after this many results. */
  truncateAfterResults?: number;
  /** Every answer is held back this long. */
  delayMs: number;
}

/** An event HEC accepted, with the request it came in. */
export interface ReceivedEvent {
  token: string;
  channel?: string;
  /** The JSON object as sent: `{ time, host, source, sourcetype, index, event, fields }`. */
  envelope: Record<string, unknown>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface SplunkFake {
  /** `http://127.0.0.1:<port>`: HEC and the REST API share it (Splunk uses 8088 and 8089). */
  url: string;
  /** Events accepted through HEC, in order. */
  events: ReceivedEvent[];
  requests: RecordedRequest[];
  faults: SplunkFaults;
  /** Makes more events searchable. */
  seed(events: SeedEvent[]): void;
  close(): Promise<void>;
}
