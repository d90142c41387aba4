import type { EntityDefinition } from '@ihub/plugin-kit';
import type { LdapConfig } from '../config';
import type { LdapSession } from '../ldap-session';
import { getEntry } from './entry-get.operation';
import { listEntries } from './entry-list.operation';
import { createEntry, deleteEntry, updateEntry } from './entry-write.operation';

/** Groups under `groups.baseDN` matching `groups.filter`; their members are the `membership` entity. */
export const groupEntity: EntityDefinition<LdapConfig, LdapSession> = {
  displayName: 'Groups',
  description: 'Directory groups: dn and the configured attributes. Members are listed and changed through the membership entity.',
  changeTracking: 'snapshot',
  list: listEntries('groups'),
  get: getEntry('groups'),
  create: createEntry('groups'),
  update: updateEntry('groups'),
  delete: deleteEntry('groups'),
};
