import type { EntityDefinition } from '@ihub/plugin-kit';
import type { LdapConfig } from '../config';
import type { LdapSession } from '../ldap-session';
import { listMemberships } from './membership-list.operation';
import { createMembership, deleteMembership, getMembership } from './membership-write.operation';

/** Group–member pairs, id `<groupId>|<memberId>`. A pair has no fields of its own, so it is created and deleted, never updated. */
export const membershipEntity: EntityDefinition<LdapConfig, LdapSession> = {
  displayName: 'Group memberships',
  description: 'One record per group and member: groupId, memberId, groupDN, memberDN. Create with groupId or groupDN and memberId or memberDN.',
  changeTracking: 'snapshot',
  list: listMemberships,
  get: getMembership,
  create: createMembership,
  delete: deleteMembership,
};
