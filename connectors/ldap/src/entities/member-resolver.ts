import { normalizeDn } from '../dn-template';
import { resultCode } from '../transport';
import { binaryAttributes } from './entry-record';
import type { LdapContext } from './list-passes';

/** Lookups in flight at once; enough to hide round trips without flooding the server. */
const CONCURRENCY = 16;

/** A membership's external id: `<groupId>|<memberId>`. */
export function membershipId(groupId: string, memberId: string): string {
  return `${groupId}|${memberId}`;
}

/** The group and member ids of a membership id; null when `id` is not one. */
export function parseMembershipId(id: string): { groupId: string; memberId: string } | null {
  const bar = id.indexOf('|');
  if (bar <= 0 || bar === id.length - 1) return null;
  return { groupId: id.slice(0, bar), memberId: id.slice(bar + 1) };
}

/**
 * Finds the external ids of member DNs, each DN once per pass: the same users are members of
 * many groups. A DN that names no entry (a dangling reference, a malformed value) has no id.
 */
export class MemberResolver {
  private readonly ids = new Map<string, string | null>();

  constructor(private readonly ctx: LdapContext) {}

  /** The id of each DN (null: none), by the DN as given. */
  async resolve(dns: string[]): Promise<Map<string, string | null>> {
    const missing = new Map<string, string>();
    for (const dn of dns) if (!this.ids.has(normalizeDn(dn))) missing.set(normalizeDn(dn), dn);
    const pending = [...missing];
    for (let i = 0; i < pending.length; i += CONCURRENCY) {
      await Promise.all(pending.slice(i, i + CONCURRENCY).map(async ([key, dn]) => this.ids.set(key, await this.lookup(dn))));
    }
    return new Map(dns.map((dn) => [dn, this.ids.get(normalizeDn(dn)) ?? null]));
  }

  private async lookup(dn: string): Promise<string | null> {
    const { config, client } = this.ctx;
    const connection = await client.connection();
    try {
      const entry = await connection.read(dn, [client.dialect.idAttribute], binaryAttributes(config, client.dialect));
      return entry ? client.dialect.idOf(entry) : null;
    } catch (err) {
      // invalidDNSyntax: the member value is not a DN at all.
      if (resultCode(err) === 34) return null;
      throw err;
    }
  }
}
