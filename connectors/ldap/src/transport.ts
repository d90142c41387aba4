import type { ConnectionOptions } from 'node:tls';
import { AndFilter, Attribute, Change, Client, Control, EqualityFilter, FilterParser, NotFilter, OrFilter, type Entry, type Filter } from 'ldapts';
import type { LdapConfig } from './config';
import { collectRanged, type Values } from './range-retrieval';
import { translateLdapError } from './transport-errors';

/**
 * The only code of this connector that talks LDAP (through ldapts), and with `transport-errors.ts`
 * the one place where LDAP failures become the kit's errors.
 */

export type { Values };

/** An entry as the connector sees it: attribute names lower-cased, since LDAP compares them without case. */
export interface DirectoryEntry {
  dn: string;
  attributes: Map<string, Values>;
}

export interface SearchSpec {
  base: string;
  scope?: 'base' | 'one' | 'sub';
  filter: string;
  attributes: string[];
  /** Attributes whose values are returned as bytes rather than UTF-8 text. */
  binary?: string[];
  /** Ask Active Directory to include tombstones (the show-deleted control). */
  showDeleted?: boolean;
  /** Stop after this many entries; reaching it is not an error. Default: no limit. */
  sizeLimit?: number;
}

export interface AttributeChange {
  operation: 'add' | 'delete' | 'replace';
  attribute: string;
  values: Values;
}

/**
 * LDAP_SERVER_SHOW_DELETED_OID. Sent non-critical: a directory that does not know it answers as
 * if it were absent, rather than failing the search with unavailableCriticalExtension.
 */
const SHOW_DELETED = '1.2.840.113556.1.4.417';
const CONNECTION_FAILURES = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ENOTFOUND|EAI_AGAIN/;

/** One bound connection to a directory server, bound again when the server closes it between requests. */
export class LdapConnection {
  private reopening?: Promise<void>;

  private constructor(
    private readonly config: LdapConfig,
    private client: Client,
    private server: string,
  ) {}

  /** Connects and binds; see `connect`. */
  static async open(config: LdapConfig): Promise<LdapConnection> {
    const { client, url } = await connect(config);
    return new LdapConnection(config, client, url);
  }

  /** The server that answers, of the configured `urls`. */
  get url(): string {
    return this.server;
  }

  async search(spec: SearchSpec): Promise<DirectoryEntry[]> {
    return this.send(`search ${spec.base} ${spec.filter}`, { reopen: true, resend: true }, async () => {
      const result = await this.client.search(spec.base, searchOptions(spec), controls(spec));
      return result.searchEntries.map((e) => toDirectoryEntry(e, spec.binary));
    });
  }

  /**
   * Entries in pages of `pageSize`, with the simple paged results control (RFC 2696). The paging
   * cookie is only good on this connection: if the server closes it, the read fails (retryably).
   */
  async *pages(spec: SearchSpec, pageSize: number): AsyncGenerator<DirectoryEntry[]> {
    const pages = this.client.searchPaginated(spec.base, { ...searchOptions(spec), paged: { pageSize } }, controls(spec));
    for (;;) {
      const next = await this.send(`paged search ${spec.base} ${spec.filter}`, { reopen: false }, () => pages.next());
      if (next.done) return;
      yield next.value.searchEntries.map((e) => toDirectoryEntry(e, spec.binary));
    }
  }

  /** The entry at `dn` (a base-scope search), or null when there is none. */
  async read(dn: string, attributes: string[], binary: string[] = []): Promise<DirectoryEntry | null> {
    try {
      const [entry] = await this.search({ base: dn, scope: 'base', filter: '(objectClass=*)', attributes, binary });
      return entry ?? null;
    } catch (err) {
      if (resultCode(err) === 32) return null;
      throw err;
    }
  }

  /** Every value of a multi-valued attribute of `entry`, following AD's range retrieval when the server split them. */
  async allValues(entry: DirectoryEntry, attribute: string): Promise<Values> {
    return collectRanged(entry.attributes, attribute, async (ranged) => (await this.read(entry.dn, [ranged]))?.attributes ?? new Map());
  }

  async add(dn: string, attributes: Record<string, Values>): Promise<void> {
    // ldapts writes each value as what it is, text or bytes; its types just do not say so.
    const list = Object.entries(attributes).map(([type, values]) => new Attribute({ type, values: values as string[] }));
    await this.send(`add ${dn}`, { reopen: true, dn }, () => this.client.add(dn, list));
  }

  async modify(dn: string, changes: AttributeChange[]): Promise<void> {
    const list = changes.map((c) => new Change({ operation: c.operation, modification: new Attribute({ type: c.attribute, values: c.values as string[] }) }));
    await this.send(`modify ${dn}`, { reopen: true, dn }, () => this.client.modify(dn, list));
  }

  /** Adds values to an attribute; values it holds already are not an error (typeOrValueExists). */
  async addValues(dn: string, attribute: string, values: string[]): Promise<void> {
    await this.tolerating(20, () => this.modify(dn, [{ operation: 'add', attribute, values }]));
  }

  /** Removes values from an attribute; values it does not hold are not an error (noSuchAttribute). */
  async removeValues(dn: string, attribute: string, values: string[]): Promise<void> {
    await this.tolerating(16, () => this.modify(dn, [{ operation: 'delete', attribute, values }]));
  }

  /** Deletes the entry; an entry that is gone already is not an error (noSuchObject), so a retried delete succeeds. */
  async delete(dn: string): Promise<void> {
    await this.tolerating(32, () => this.send(`delete ${dn}`, { reopen: true, dn }, () => this.client.del(dn)));
  }

  async close(): Promise<void> {
    await this.client.unbind().catch(() => undefined);
  }

  /**
   * Sends a request, translating what it throws. A connection the server closed (idle timeouts
   * are common) is opened and bound again first, when `reopen` allows; ldapts alone would
   * reconnect without binding and read anonymously, which can look like an emptied directory.
   * When the connection dies under a request, only a read (`resend`) goes again: whether a write
   * arrived is unknown, and the hub's retry decides.
   */
  private async send<T>(request: string, options: { reopen: boolean; resend?: boolean; dn?: string }, fn: () => Promise<T>): Promise<T> {
    if (!this.client.isBound) {
      if (!options.reopen) throw translateLdapError(new Error('Connection closed by the server'), request, options.dn);
      await this.reopen();
    }
    try {
      return await fn();
    } catch (err) {
      if (!options.resend || this.client.isBound) throw translateLdapError(err, request, options.dn);
    }
    await this.reopen();
    try {
      return await fn();
    } catch (err) {
      throw translateLdapError(err, request, options.dn);
    }
  }

  private reopen(): Promise<void> {
    this.reopening ??= (async () => {
      await this.client.unbind().catch(() => undefined);
      ({ client: this.client, url: this.server } = await connect(this.config));
    })().finally(() => (this.reopening = undefined));
    return this.reopening;
  }

  private async tolerating(code: number, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (resultCode(err) !== code) throw err;
    }
  }
}

/**
 * Connects to the first of the configured servers that answers (StartTLS when configured) and
 * binds. Servers that cannot be reached are skipped; a refused bind fails at once, since every
 * server of a directory would refuse the same credentials.
 */
async function connect(config: LdapConfig): Promise<{ client: Client; url: string }> {
  let failure: unknown;
  for (const url of config.urls) {
    const tlsOptions: ConnectionOptions = { rejectUnauthorized: config.tls.rejectUnauthorized, ...(config.tls.caCert ? { ca: config.tls.caCert } : {}) };
    // ldapts speaks TLS from the first byte whenever it is given TLS options: only for ldaps:// then.
    const secure = /^ldaps:/i.test(url);
    const client = new Client({ url, timeout: config.timeoutMs, connectTimeout: config.timeoutMs, ...(secure ? { tlsOptions } : {}) });
    try {
      // `host` is the name the server's certificate must carry (and the SNI name, unless it is an IP).
      if (config.tls.startTLS) await client.startTLS({ ...tlsOptions, host: new URL(url).hostname });
      await client.bind(config.bindDN, config.password);
      return { client, url };
    } catch (err) {
      await client.unbind().catch(() => undefined);
      failure = translateLdapError(err, `bind to ${url} as ${config.bindDN}`);
      if (!isUnreachable(err)) throw failure;
    }
  }
  throw failure;
}

function searchOptions(spec: SearchSpec) {
  return {
    scope: spec.scope ?? 'sub',
    filter: parseFilter(spec.filter, spec.binary ?? []),
    attributes: spec.attributes,
    explicitBufferAttributes: spec.binary ?? [],
    sizeLimit: spec.sizeLimit ?? 0,
  } as const;
}

/**
 * The filter as ldapts sends it, with the assertion values of binary attributes as bytes: ldapts
 * turns each `\xx` escape into the character with that code and would send it UTF-8 encoded,
 * so `(objectGUID=\8c\4a…)` would never match. Those characters are the bytes (latin1).
 */
function parseFilter(filter: string, binary: string[]): Filter {
  const parsed = FilterParser.parseString(filter);
  if (binary.length === 0) return parsed;
  const bytes = new Set(binary.map((b) => b.toLowerCase()));
  const fix = (node: Filter): void => {
    if (node instanceof AndFilter || node instanceof OrFilter) node.filters.forEach(fix);
    else if (node instanceof NotFilter) fix(node.filter);
    else if (node instanceof EqualityFilter && typeof node.value === 'string' && bytes.has(node.attribute.toLowerCase())) node.value = Buffer.from(node.value, 'latin1');
  };
  fix(parsed);
  return parsed;
}

function controls(spec: SearchSpec): Control[] {
  return spec.showDeleted ? [new Control(SHOW_DELETED, { critical: false })] : [];
}

function toDirectoryEntry(entry: Entry, binary: string[] = []): DirectoryEntry {
  const bytes = new Set(binary.map((b) => b.toLowerCase()));
  const attributes = new Map<string, Values>();
  for (const [name, value] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const key = name.toLowerCase();
    let values = (Array.isArray(value) ? value : [value]) as Values;
    // ldapts matches binary attribute names with case and hands out text for bytes that happen to
    // be valid UTF-8; UTF-8 text turns back into exactly those bytes.
    if (bytes.has(key)) values = values.map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8')));
    // ldapts lists requested attributes the entry lacks with no values; absent is absent.
    if (values.length > 0) attributes.set(key, values);
  }
  return { dn: entry.dn, attributes };
}

/** The LDAP result code of a (translated) error, when it came from the server. */
export function resultCode(err: unknown): number | undefined {
  const code = (err as { data?: { resultCode?: unknown } })?.data?.resultCode;
  return typeof code === 'number' ? code : undefined;
}

function isUnreachable(err: unknown): boolean {
  const message = err instanceof Error ? `${(err as NodeJS.ErrnoException).code ?? ''} ${err.message}` : String(err);
  return CONNECTION_FAILURES.test(message) || /Connection timeout|timed out|Socket error|Connection closed/i.test(message);
}
