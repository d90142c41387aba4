import os from 'node:os';
import { DataSource } from 'typeorm';
import { HubError } from '@ihub/plugin-kit';
import { SyncState } from '../store/entities';
import { uuidv7 } from '../store/uuid-v7';
import { processIsGone } from '../store/local-process';

export interface StreamKey {
  tenantId: string;
  flowId: string;
  integrationId: string;
  entity: string;
}

/**
 * The lease on a stream's sync state: one node at a time runs a stream, cluster-wide. Taking it
 * is one conditional UPDATE, so two nodes racing for it cannot both win; an expired lease (its
 * node died) can be taken over.
 */
export class StreamLease {
  private constructor(
    private readonly store: DataSource,
    readonly state: SyncState,
    private readonly owner: string,
    private readonly durationMs: number,
  ) {}

  /** `nodeId` names the holder; the lease also records this process's host and pid (see `leaseOwner`). */
  static async acquire(store: DataSource, key: StreamKey, nodeId: string, durationMs = 60_000): Promise<StreamLease> {
    const owner = leaseOwner(nodeId);
    const repo = store.getRepository(SyncState);
    let state = await repo.findOneBy({ flowId: key.flowId, integrationId: key.integrationId, entity: key.entity });
    if (!state) {
      await repo.createQueryBuilder().insert().values({ id: uuidv7(), ...key, cursor: null, leaseOwner: null, leaseUntil: null, lastRunId: null, updatedAt: new Date() }).orIgnore().execute();
      state = await repo.findOneByOrFail({ flowId: key.flowId, integrationId: key.integrationId, entity: key.entity });
    }
    const now = new Date();
    const result = await repo
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + durationMs) })
      .where('id = :id', { id: state.id })
      .andWhere('(lease_owner IS NULL OR lease_until IS NULL OR lease_until < :now)', { now })
      .execute();
    if (!result.affected) {
      const holder = await repo.findOneByOrFail({ id: state.id });
      if (holder.leaseOwner && isDeadLocalProcess(holder.leaseOwner)) {
        // The holder was a process on this machine that no longer exists (killed, crashed): its lease
        // would only expire later, so take it over now — conditionally, in case another node does too.
        const takeover = await repo.createQueryBuilder().update().set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + durationMs) })
          .where('id = :id AND lease_owner = :dead', { id: state.id, dead: holder.leaseOwner }).execute();
        if (takeover.affected) return new StreamLease(store, await repo.findOneByOrFail({ id: state.id }), owner, durationMs);
      }
      throw new HubError('IHUB_SYNC_ALREADY_RUNNING', `stream ${key.entity} of this flow is being synced by ${holder.leaseOwner} until ${holder.leaseUntil?.toISOString()}`, {
        fault: 'user',
        data: { owner: holder.leaseOwner, until: holder.leaseUntil?.toISOString() },
      });
    }
    const fresh = await repo.findOneByOrFail({ id: state.id });
    return new StreamLease(store, fresh, owner, durationMs);
  }

  /** Extends the lease; fails loudly if another node took it (ours expired), so this run stops writing. */
  async renew(): Promise<void> {
    const now = new Date();
    const result = await this.store
      .getRepository(SyncState)
      .createQueryBuilder()
      .update()
      .set({ leaseUntil: new Date(now.getTime() + this.durationMs) })
      .where('id = :id AND lease_owner = :owner', { id: this.state.id, owner: this.owner })
      .execute();
    if (!result.affected) throw new HubError('IHUB_SYNC_LEASE_LOST', 'the lease on this stream expired and was taken by another node', { retryable: true });
  }

  async release(): Promise<void> {
    await this.store
      .getRepository(SyncState)
      .createQueryBuilder()
      .update()
      .set({ leaseOwner: null, leaseUntil: null })
      .where('id = :id AND lease_owner = :owner', { id: this.state.id, owner: this.owner })
      .execute();
  }
}

/** `<node id>@<host>:<pid>`: whatever the node id, a lease says which process holds it. */
export function leaseOwner(nodeId: string): string {
  return `${nodeId}@${os.hostname()}:${process.pid}`;
}

/** True when a lease owner names a process of this host that no longer exists. */
export function isDeadLocalProcess(owner: string): boolean {
  const match = /@([^@:]+):(\d+)$/.exec(owner);
  return match !== null && match[1] === os.hostname() && processIsGone(Number(match[2]));
}
