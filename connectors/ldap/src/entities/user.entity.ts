import type { EntityDefinition } from '@ihub/plugin-kit';
import type { LdapConfig } from '../config';
import type { LdapSession } from '../ldap-session';
import { getEntry } from './entry-get.operation';
import { listEntries } from './entry-list.operation';
import { createEntry, deleteEntry, updateEntry } from './entry-write.operation';

/** Users under `users.baseDN` matching `users.filter`; `disabled` reads and sets the account's disabled flag. */
export const userEntity: EntityDefinition<LdapConfig, LdapSession> = {
  displayName: 'Users',
  description:
    'Directory users: dn, the configured attributes and `disabled`. Ids are entryUUID (OpenLDAP) or objectGUID (AD). Complete passes find deletions; passes in between read what changed.',
  changeTracking: 'snapshot',
  list: listEntries('users'),
  get: getEntry('users'),
  create: createEntry('users'),
  update: updateEntry('users'),
  delete: deleteEntry('users'),
};
