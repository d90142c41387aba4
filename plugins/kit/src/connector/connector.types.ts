import type { z } from 'zod';
import type { HubError } from '../errors';

/** The logger a connector receives; Moleculer's logger satisfies it. Never log secrets. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Everything a connector operation may use. `client` is what the manifest's `connect` returned. */
export interface ConnectorContext<Config = unknown, Client = unknown> {
  /** The integration's connection config, validated against the manifest's `config` schema, secrets resolved. */
  config: Config;
  client: Client;
  logger: Logger;
  integration: { id: string; name: string; tenantId: string };
  /** Aborted when the run is cancelled or the hub shuts down. */
  signal: AbortSignal;
}

/** One record as the external system has it. */
export interface SourceRecord {
  /** The external system's stable id for the record. */
  id: string;
  data: Record<string, unknown>;
  /** ISO timestamp of the last change upstream, when the system has one. */
  updatedAt?: string;
  /** True for a tombstone: the record was deleted upstream. */
  deleted?: boolean;
  /**
   * Set when the upstream payload of this record could not be understood (a required field
   * missing, a malformed value). The hub records a per-record failure for `id` and goes on with
   * the page; the record is read again by the next run. Use `RecordInvalidError`.
   */
  invalid?: HubError;
}

export interface ListRequest {
  /** The cursor committed after the last page, or null for a full read. */
  cursor: string | null;
  /** Upper bound on records per page the hub wants; a connector may return fewer. */
  pageSize: number;
  /** The flow's source filter, connector-specific (an encoded query, JQL, an LDAP filter…). */
  filter?: string;
}

export interface ListPage {
  records: SourceRecord[];
  /** Cursor to commit once this page is stored; handed back in the next `list` call. */
  cursor: string | null;
  /** False on the last page of this read. */
  hasMore: boolean;
  /**
   * For entities tracked as `snapshot`: the id of the complete pass this page belongs to. When the
   * last page of a pass is stored, records of earlier passes that this one did not contain are
   * deleted by the hub. Omit when the pass is not complete (e.g. nothing changed upstream).
   */
  snapshot?: string;
}

/** Outcome of a write: the external id of the record written. */
export interface WriteResult {
  id: string;
  data?: Record<string, unknown>;
}

export interface CreateOptions {
  /**
   * The hub's id for the record. Connectors store it in the target's correlation field where it
   * has one, so that a create retried after a crash finds the record instead of duplicating it.
   */
  correlationId: string;
  /** True when an earlier attempt to create this record may have succeeded before a crash. */
  mayExist: boolean;
}

export type WriteOperation =
  | { op: 'create'; data: Record<string, unknown>; options: CreateOptions }
  | { op: 'update'; id: string; data: Record<string, unknown> }
  | { op: 'delete'; id: string };

export type WriteOutcome = { ok: true; id: string } | { ok: false; error: HubError };

/**
 * How the hub learns about changes and deletions of an entity.
 * - `cursor`: `list` returns what changed since the cursor, deletions as tombstones.
 * - `snapshot`: each pass lists every record that exists; the hub compares passes to find deletions.
 */
export type ChangeTracking = 'cursor' | 'snapshot';

export interface EntityDefinition<Config = unknown, Client = unknown> {
  displayName?: string;
  description?: string;
  changeTracking: ChangeTracking;
  list?(ctx: ConnectorContext<Config, Client>, request: ListRequest): Promise<ListPage>;
  get?(ctx: ConnectorContext<Config, Client>, id: string): Promise<SourceRecord | null>;
  create?(ctx: ConnectorContext<Config, Client>, data: Record<string, unknown>, options: CreateOptions): Promise<WriteResult>;
  update?(ctx: ConnectorContext<Config, Client>, id: string, data: Record<string, unknown>): Promise<WriteResult>;
  delete?(ctx: ConnectorContext<Config, Client>, id: string): Promise<void>;
  /**
   * Applies many writes in one go (a batch API, one file rewrite). When present the hub uses it
   * instead of one call per record. Outcomes are in the order of the operations.
   */
  write?(ctx: ConnectorContext<Config, Client>, operations: WriteOperation[]): Promise<WriteOutcome[]>;
}

export type Operation = 'list' | 'get' | 'create' | 'update' | 'delete' | 'write';

export interface CheckResult {
  ok: boolean;
  message?: string;
}

export type AuthMethod = 'none' | 'basic' | 'bearer' | 'api-key' | 'oauth2-client-credentials' | 'oauth2-password' | 'oauth2-refresh-token' | 'ldap-bind' | 'jwt';

/** An incoming HTTP request to `/hooks/{integrationId}`, with the raw body kept for signature checks. */
export interface InboundRequest {
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, string>;
  rawBody: Buffer;
}

/** What the hub should do about an inbound notification. */
export type InboundAction =
  | { kind: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'sync'; entity: string; respond?: { status: number; body?: unknown } }
  | { kind: 'records'; entity: string; records: SourceRecord[]; respond?: { status: number; body?: unknown } };

export interface InboundHandler<Config = unknown, Client = unknown> {
  handle(ctx: ConnectorContext<Config, Client>, request: InboundRequest): Promise<InboundAction>;
}

/** What a connector package declares. Tools read it as data; the hub calls its functions. */
export interface ConnectorManifest<Config = unknown, Client = unknown> {
  /** Lower-case id, unique in a hub: `servicenow`, `csv`, `acme-crm`. */
  id: string;
  /** The connector's own semver version. */
  version: string;
  displayName: string;
  description?: string;
  /** Semver range of ihub versions this connector works with, e.g. `^0.1.0`. */
  hub: string;
  /** Connection config schema; mark secrets with `secret()`. */
  config: z.ZodType<Config>;
  auth: AuthMethod[];
  /** Opens a client for an integration (a connection, an authenticated session). */
  connect?(ctx: Omit<ConnectorContext<Config, never>, 'client'>): Promise<Client>;
  /** Releases what `connect` opened. */
  disconnect?(client: Client): Promise<void>;
  /** Tests the connection: can we authenticate and read? */
  check(ctx: ConnectorContext<Config, Client>): Promise<CheckResult>;
  entities: Record<string, EntityDefinition<Config, Client>>;
  inbound?: InboundHandler<Config, Client>;
}

/** Operations an entity supports, read off the manifest without calling it. */
export function entityOperations(entity: EntityDefinition<any, any>): Operation[] {
  return (['list', 'get', 'create', 'update', 'delete', 'write'] as const).filter((op) => typeof entity[op] === 'function');
}
