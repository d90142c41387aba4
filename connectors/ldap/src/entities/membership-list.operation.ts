import { RecordInvalidError, type ListPage, type ListRequest, type SourceRecord } from '@ihub/plugin-kit';
import { and } from '../ldap-filter';
import { resultCode, type DirectoryEntry, type LdapConnection } from '../transport';
import type { Batch } from './directory-pass';
import { binaryAttributes } from './entry-record';
import { listInPasses, newest, requestFilter, type LdapContext } from './list-passes';
import type { ListState } from './list-cursor';
import { MemberResolver, membershipId } from './member-resolver';
import type { PassPlan } from './pass-plan';

/**
 * Lists group memberships, one record per (group, member) pair. A removed member leaves no
 * trace on a changed group, so memberships are only ever read as complete passes: when any group
 * changed since the last mark, every pair is read again and the hub deletes the pairs that are
 * gone; when none did, nothing is read.
 */
export async function listMemberships(ctx: LdapContext, request: ListRequest): Promise<ListPage> {
  const filter = requestFilter(request);
  const groups = ctx.config.groups;
  return listInPasses(ctx, request, {
    entity: 'membership',
    scope: ['memberships', groups.baseDN, groups.filter, groups.memberAttribute, filter ?? null],
    refine: (plan, previous) => refine(ctx, plan, previous, filter),
    batches: (connection) => membershipBatches(ctx, connection, filter),
  });
}

async function refine(ctx: LdapContext, plan: PassPlan, previous: ListState | null, filter: string | undefined): Promise<PassPlan> {
  if (plan.kind !== 'delta') return plan;
  return (await groupsChanged(ctx, plan.filter, previous, filter)) ? { kind: 'full', reason: 'groups changed' } : { kind: 'unchanged' };
}

/** True when a group in scope changed since the previous mark, or (AD) one was deleted. */
async function groupsChanged(ctx: LdapContext, changes: string, previous: ListState | null, filter: string | undefined): Promise<boolean> {
  const { config } = ctx;
  const { dialect } = ctx.client;
  const connection = await ctx.client.connection();
  const groups = config.groups;
  const changed = await connection.search({ base: groups.baseDN, filter: and(groups.filter, filter, dialect.liveFilter, changes), attributes: ['1.1'], sizeLimit: 1 });
  if (changed.length > 0) return true;
  const tombstones = previous?.mark && dialect.tombstoneSearch(config, groups.objectClasses[groups.objectClasses.length - 1], previous.mark);
  if (!tombstones) return false;
  try {
    return (await connection.search(tombstones)).some((t) => dialect.wasIn(t, groups));
  } catch (err) {
    // Unreadable tombstones: removed groups' pairs go at the next complete pass.
    if (resultCode(err) === 32 || resultCode(err) === 50) return false;
    throw err;
  }
}

async function* membershipBatches(ctx: LdapContext, connection: LdapConnection, filter: string | undefined): AsyncGenerator<Batch> {
  const { config } = ctx;
  const { dialect } = ctx.client;
  const groups = config.groups;
  const resolver = new MemberResolver(ctx);
  const spec = {
    base: groups.baseDN,
    filter: and(groups.filter, filter, dialect.liveFilter),
    attributes: [...dialect.trackingAttributes, groups.memberAttribute],
    binary: binaryAttributes(config, dialect),
  };
  for await (const entries of connection.pages(spec, config.pageSize)) {
    const records: SourceRecord[] = [];
    for (const group of entries) records.push(...(await groupPairs(ctx, group, resolver)));
    yield { records, newestStamp: newest(entries.map((e) => dialect.stampOf(e))) };
  }
}

/** The pairs of one group; a group without an id, or a member DN that names no entry, is a record that failed to read. */
async function groupPairs(ctx: LdapContext, group: DirectoryEntry, resolver: MemberResolver): Promise<SourceRecord[]> {
  const { dialect } = ctx.client;
  const groupId = dialect.idOf(group);
  if (groupId === null) {
    const invalid = new RecordInvalidError(`group entry '${group.dn}' has no valid ${dialect.idAttribute}; its memberships cannot be named`, { dn: group.dn });
    return [{ id: `dn:${group.dn}`, data: { groupDN: group.dn }, invalid }];
  }
  const shared = await ctx.client.connection();
  // groupOfNames needs a member, so an empty group often holds the empty DN as a placeholder: not a member.
  const members = (await shared.allValues(group, ctx.config.groups.memberAttribute)).map(String).filter((dn) => dn.trim() !== '');
  const ids = await resolver.resolve(members);
  return members.map((memberDN) => {
    const memberId = ids.get(memberDN) ?? null;
    const data = { groupId, memberId, groupDN: group.dn, memberDN };
    if (memberId !== null) return { id: membershipId(groupId, memberId), data };
    const invalid = new RecordInvalidError(`group '${group.dn}' lists member '${memberDN}', which is not an entry with a ${dialect.idAttribute}`, { dn: group.dn, member: memberDN });
    return { id: `${groupId}|dn:${memberDN}`, data, invalid };
  });
}
