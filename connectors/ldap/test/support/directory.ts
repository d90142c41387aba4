import { createTestContext, type ListPage, type Logger, type SourceRecord } from '@ihub/plugin-kit';
import type { LdifEntry, SlapdServer } from '../../../../test/fakes/ldap';
import connector from '../../src/index';
import type { LdapContext } from '../../src/entities/list-passes';

export type EntityName = 'user' | 'group' | 'membership';

/**
 * Time a hook that starts slapd may take. slapd starts in well under a second, but on a CI
 * machine running several suites at once a start has been seen to take tens of seconds.
 */
export const SLAPD_START_TIMEOUT_MS = 90_000;

/** A logger that keeps what it was told, so tests can assert on warnings. */
export class RecordingLogger implements Logger {
  readonly warnings: string[] = [];
  readonly infos: string[] = [];
  debug(): void {}
  info(...args: unknown[]): void {
    this.infos.push(args.join(' '));
  }
  warn(...args: unknown[]): void {
    this.warnings.push(args.join(' '));
  }
  error(): void {}
}

/** An OpenLDAP person under ou=people: `uid=<uid>`, with a password so that binds can prove a lock. */
export function person(server: { peopleDN: string } | string, uid: string, extra: Record<string, string | string[]> = {}): LdifEntry {
  const peopleDN = typeof server === 'string' ? server : server.peopleDN;
  return {
    dn: `uid=${uid},${peopleDN}`,
    attributes: { objectClass: 'inetOrgPerson', uid, cn: `Person ${uid}`, sn: uid, mail: `${uid}@example.com`, userPassword: `pw-${uid}`, ...extra },
  };
}

/** A groupOfNames under ou=groups. */
export function groupOfNames(server: { groupsDN: string } | string, cn: string, members: string[]): LdifEntry {
  const groupsDN = typeof server === 'string' ? server : server.groupsDN;
  return { dn: `cn=${cn},${groupsDN}`, attributes: { objectClass: 'groupOfNames', cn, member: members } };
}

/** An AD user (`CN=<cn>` under ou=people) as the AD emulation seeds it. */
export function adUser(server: { peopleDN: string } | string, cn: string, extra: Record<string, string | string[] | Buffer[]> = {}): LdifEntry {
  const peopleDN = typeof server === 'string' ? server : server.peopleDN;
  return { dn: `cn=${cn},${peopleDN}`, attributes: { objectClass: 'user', cn, sn: cn, sAMAccountName: cn.toLowerCase(), userAccountControl: '512', ...extra } };
}

/** An AD group (`CN=<cn>` under ou=groups). */
export function adGroup(server: { groupsDN: string } | string, cn: string, members: string[]): LdifEntry {
  const groupsDN = typeof server === 'string' ? server : server.groupsDN;
  return { dn: `cn=${cn},${groupsDN}`, attributes: { objectClass: 'group', cn, sAMAccountName: cn, ...(members.length > 0 ? { member: members } : {}) } };
}

/** Config of the openldap dialect for a fixture slapd; `overrides` replace top-level fields. */
export function openLdapConfig(server: SlapdServer, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    urls: [server.url],
    dialect: 'openldap',
    bindDN: server.bindDN,
    password: server.password,
    baseDN: server.baseDN,
    users: { baseDN: server.peopleDN },
    groups: { baseDN: server.groupsDN },
    ...overrides,
  };
}

/**
 * Config of the ad dialect for the AD emulation: the rootDSE attributes live in an ordinary
 * entry, and the emulated user class has no objectCategory, so users are `(objectClass=user)`.
 */
export function adConfig(server: SlapdServer, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    urls: [server.url],
    dialect: 'ad',
    bindDN: server.bindDN,
    password: server.password,
    baseDN: server.baseDN,
    users: { baseDN: server.peopleDN, filter: '(objectClass=user)' },
    groups: { baseDN: server.groupsDN },
    ad: { serverStateDN: server.ad!.serverStateDN, deletedObjectsDN: server.ad!.deletedObjectsDN },
    ...overrides,
  };
}

/** A connector context for `config`, closed by the returned function; keeps its logger for assertions. */
export async function openContext(config: Record<string, unknown>): Promise<{ ctx: LdapContext; logger: RecordingLogger; close: () => Promise<void> }> {
  const logger = new RecordingLogger();
  const { ctx, close } = await createTestContext(connector, config, { logger });
  return { ctx, logger, close };
}

export interface Read {
  pages: ListPage[];
  records: SourceRecord[];
  cursor: string | null;
}

/** Lists `entity` from `cursor` until a page says there is no more. */
export async function listAll(ctx: LdapContext, entity: EntityName, cursor: string | null, pageSize = 100, filter?: string): Promise<Read> {
  const list = connector.entities[entity].list!;
  const pages: ListPage[] = [];
  for (;;) {
    const page = await list(ctx, { cursor, pageSize, filter });
    pages.push(page);
    cursor = page.cursor;
    if (!page.hasMore) return { pages, records: pages.flatMap((p) => p.records), cursor };
  }
}

/** The cursor's JSON, for assertions on what it holds. */
export function cursorState(cursor: string | null): Record<string, unknown> {
  return JSON.parse(cursor ?? 'null') as Record<string, unknown>;
}

/** Waits until the directory's clock is in a later second, so that a change gets a later modifyTimestamp. */
export async function nextSecond(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

export { connector };
