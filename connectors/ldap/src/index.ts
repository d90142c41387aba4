import { defineConnector, HubError, type CheckResult } from '@ihub/plugin-kit';
import { configSchema, type LdapConfig } from './config';
import { groupEntity } from './entities/group.entity';
import type { LdapContext } from './entities/list-passes';
import { membershipEntity } from './entities/membership.entity';
import { userEntity } from './entities/user.entity';
import { LdapSession } from './ldap-session';

/** LDAP directories (OpenLDAP and Active Directory): users, groups and memberships, read incrementally and provisioned. */
export default defineConnector<LdapConfig, LdapSession>({
  id: 'ldap',
  version: '0.1.0',
  displayName: 'LDAP / Active Directory',
  description: 'Reads users, groups and group memberships from OpenLDAP or Active Directory, incrementally, with deletions; creates, changes, disables and deletes them.',
  hub: '^0.1.0',
  config: configSchema,
  auth: ['ldap-bind'],
  // No I/O here: the first operation binds, so that `check` can report a refused bind as a message.
  connect: async (ctx) => new LdapSession(ctx.config),
  disconnect: (session) => session.close(),
  check,
  entities: { user: userEntity, group: groupEntity, membership: membershipEntity },
});

export { configSchema, type LdapConfig } from './config';
export { DeleteThresholdError } from './delete-threshold.error';
export { guidToBytes, guidToString } from './object-guid';

/** Binds, reads the base entry and the directory's change mark (for AD, its USN and DC identity). Answers, never throws. */
async function check(ctx: LdapContext): Promise<CheckResult> {
  try {
    const connection = await ctx.client.connection();
    const base = await connection.read(ctx.config.baseDN, ['objectClass']);
    if (!base) return { ok: false, message: `bound to ${connection.url}, but base DN '${ctx.config.baseDN}' does not exist or ${ctx.config.bindDN} may not read it` };
    await ctx.client.dialect.readMark(connection, ctx.config);
    return { ok: true, message: `bound to ${connection.url} as ${ctx.config.bindDN} and read '${ctx.config.baseDN}'` };
  } catch (err) {
    if (err instanceof HubError) return { ok: false, message: `${err.code}: ${err.message}` };
    throw err;
  }
}
