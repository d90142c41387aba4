import type { LdapConfig } from '../config';
import type { DirectoryDialect } from '../dialects';
import { and } from '../ldap-filter';
import type { DirectoryEntry, LdapConnection } from '../transport';
import { binaryAttributes, type EntryKind } from './entry-record';

/**
 * The live entry of `kind` whose external id is `id`, or null. Without `kind`, any live entry
 * under the connection's base DN (a group member may be a user, a group or a contact).
 */
export async function findById(
  connection: LdapConnection,
  config: LdapConfig,
  dialect: DirectoryDialect,
  id: string,
  kind: EntryKind | null,
  attributes: string[],
): Promise<DirectoryEntry | null> {
  const idFilter = dialect.idFilter(id);
  if (idFilter === null) return null;
  const scope = kind ? config[kind] : null;
  const [entry] = await connection.search({
    base: scope?.baseDN ?? config.baseDN,
    filter: and(scope?.filter, idFilter, dialect.liveFilter),
    attributes,
    binary: binaryAttributes(config, dialect),
    sizeLimit: 1,
  });
  return entry ?? null;
}
