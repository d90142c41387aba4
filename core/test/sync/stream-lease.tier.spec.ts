import assert from 'node:assert/strict';
import os from 'node:os';
import { DataSource } from 'typeorm';
import { openStore } from '../../src/store/data-source';
import { SyncState } from '../../src/store/entities';
import { StreamLease } from '../../src/sync/stream-lease';
import { useTestStore } from '../../../test/support/test-store';

const key = { tenantId: 't', flowId: 'f', integrationId: 'i', entity: 'e' };

describe('stream lease', () => {
  const env = useTestStore();

  const holdAs = async (owner: string, untilMs: number) => {
    if (!(await env.store.getRepository(SyncState).existsBy({ flowId: 'f' }))) await StreamLease.acquire(env.store, key, 'setup').then((l) => l.release());
    await env.store.getRepository(SyncState).update({ flowId: 'f' }, { leaseOwner: owner, leaseUntil: new Date(Date.now() + untilMs) });
  };

  it('is held by one node at a time and free again once released', async () => {
    const lease = await StreamLease.acquire(env.store, key, 'node-a');
    await assert.rejects(StreamLease.acquire(env.store, key, 'node-b'), { code: 'IHUB_SYNC_ALREADY_RUNNING', message: /node-a@/ });
    await lease.release();
    const again = await StreamLease.acquire(env.store, key, 'node-b');
    await again.release();
  });

  it('can be taken over at once from a process of this host that died, whatever its node id', async () => {
    await holdAs(`custom-node@${os.hostname()}:2147483646`, 60_000);
    const lease = await StreamLease.acquire(env.store, key, 'node-b');
    assert.match(lease.state.leaseOwner!, /^node-b@/);
  });

  it('waits for a lease of another host to expire, then takes it', async () => {
    await holdAs('node-x@some-other-host:1', 60_000);
    await assert.rejects(StreamLease.acquire(env.store, key, 'node-b'), { code: 'IHUB_SYNC_ALREADY_RUNNING' });
    await holdAs('node-x@some-other-host:1', -1_000);
    const lease = await StreamLease.acquire(env.store, key, 'node-b');
    await lease.release();
  });

  it('tells its holder when another node took it over after it expired', async () => {
    const lease = await StreamLease.acquire(env.store, key, 'node-a');
    await env.store.getRepository(SyncState).update({ flowId: 'f' }, { leaseOwner: 'node-x@some-other-host:1' });
    await assert.rejects(lease.renew(), { code: 'IHUB_SYNC_LEASE_LOST' });
  });
});
