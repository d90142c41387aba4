import { NotFoundError, RecordInvalidError, type SourceRecord, type WriteResult } from '@ihub/plugin-kit';
import { normalizeDn } from '../dn-template';
import type { DirectoryEntry, LdapConnection } from '../transport';
import { findById } from './entry-lookup';
import { binaryAttributes } from './entry-record';
import type { LdapContext } from './list-passes';
import { membershipId, parseMembershipId } from './member-resolver';

interface End {
  id: string;
  dn: string;
}

/**
 * Adds a member to a group. The record names each end by external id (`groupId`, `memberId`) or
 * by DN (`groupDN`, `memberDN`). Adding a member the group has already succeeds, so a retried
 * create needs no look-up first.
 */
export async function createMembership(ctx: LdapContext, data: Record<string, unknown>): Promise<WriteResult> {
  const connection = await ctx.client.connection();
  const group = await end(ctx, connection, data, 'group');
  const member = await end(ctx, connection, data, 'member');
  await connection.addValues(group.dn, ctx.config.groups.memberAttribute, [member.dn]);
  return { id: membershipId(group.id, member.id) };
}

/** Removes a member from a group; a pair that is gone already (either end deleted, or not a member) counts as removed. */
export async function deleteMembership(ctx: LdapContext, id: string): Promise<void> {
  const connection = await ctx.client.connection();
  const pair = await findPair(ctx, connection, id);
  if (pair) await connection.removeValues(pair.group.dn, ctx.config.groups.memberAttribute, [pair.member.dn]);
}

/** The membership `id` when the group still lists the member, else null. */
export async function getMembership(ctx: LdapContext, id: string): Promise<SourceRecord | null> {
  const connection = await ctx.client.connection();
  const pair = await findPair(ctx, connection, id);
  if (!pair) return null;
  const listed = (await connection.allValues(pair.group, ctx.config.groups.memberAttribute)).map((v) => normalizeDn(String(v)));
  if (!listed.includes(normalizeDn(pair.member.dn))) return null;
  return { id, data: { groupId: pair.groupId, memberId: pair.memberId, groupDN: pair.group.dn, memberDN: pair.member.dn } };
}

async function findPair(ctx: LdapContext, connection: LdapConnection, id: string) {
  const ids = parseMembershipId(id);
  if (!ids) return null;
  const { config } = ctx;
  const { dialect } = ctx.client;
  const group = await findById(connection, config, dialect, ids.groupId, 'groups', [config.groups.memberAttribute]);
  const member = group && (await findById(connection, config, dialect, ids.memberId, null, ['1.1']));
  return group && member ? { ...ids, group, member } : null;
}

/** One end of a new membership, by id or DN: it must exist. */
async function end(ctx: LdapContext, connection: LdapConnection, data: Record<string, unknown>, role: 'group' | 'member'): Promise<End> {
  const { config } = ctx;
  const { dialect } = ctx.client;
  const id = data[`${role}Id`];
  const dn = data[`${role}DN`];
  let entry: DirectoryEntry | null;
  if (typeof id === 'string' && id !== '') {
    entry = await findById(connection, config, dialect, id, role === 'group' ? 'groups' : null, [dialect.idAttribute]);
    if (!entry) throw new NotFoundError(`LDAP ${role}`, id);
  } else if (typeof dn === 'string' && dn !== '') {
    entry = await connection.read(dn, [dialect.idAttribute], binaryAttributes(config, dialect));
    if (!entry) throw new NotFoundError(`LDAP ${role}`, dn);
  } else {
    throw new RecordInvalidError(`a membership needs ${role}Id or ${role}DN`, { field: `${role}Id` });
  }
  const entryId = dialect.idOf(entry);
  if (entryId === null) throw new RecordInvalidError(`${role} '${entry.dn}' has no ${dialect.idAttribute}`, { dn: entry.dn });
  return { id: entryId, dn: entry.dn };
}
