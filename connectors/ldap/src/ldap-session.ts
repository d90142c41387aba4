import type { LdapConfig } from './config';
import { dialectOf, type DirectoryDialect } from './dialects';
import { PassRegistry } from './entities/pass-registry';
import { LdapConnection } from './transport';

/**
 * What `connect` returns for an integration: a shared connection for lookups and writes, opened
 * on first use (so that `check` can report a failing bind), and the passes between pages.
 */
export class LdapSession {
  readonly dialect: DirectoryDialect;
  readonly passes = new PassRegistry();
  private shared?: Promise<LdapConnection>;

  constructor(readonly config: LdapConfig) {
    this.dialect = dialectOf(config.dialect);
  }

  /** The shared connection, opened on first use (again, when that failed). */
  async connection(): Promise<LdapConnection> {
    const attempt = (this.shared ??= LdapConnection.open(this.config));
    try {
      return await attempt;
    } catch (err) {
      if (this.shared === attempt) this.shared = undefined;
      throw err;
    }
  }

  /** A connection of its own for one pass: OpenLDAP keeps a single paged search per connection. */
  dedicated(): Promise<LdapConnection> {
    return LdapConnection.open(this.config);
  }

  async close(): Promise<void> {
    await this.passes.closeAll();
    const shared = await this.shared?.catch(() => undefined);
    this.shared = undefined;
    await shared?.close();
  }
}
