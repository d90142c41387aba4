// The hub under load in the `api` scenario, in its own process so that it does not share an event
// loop with the load generator: `node -r register-ts api-hub.ts <config> <records>`, forked with
// an IPC channel. Starts a hub node (REST API on loopback), seeds <records> canonical records by
// running the `seed` flow once, creates a read-scoped API key, and reports `ready`; on `stop` it
// stops the node and reports its peak RSS.
import { startHubNode } from '../../core/src/hub-node';
import { createApiKey } from '../../core/src/api/auth/api-keys';
import type { ChildMessage, ParentMessage } from './api-ipc';

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

async function main(): Promise<void> {
  const [configFile, records] = process.argv.slice(2);
  // The parent going away (crash, Ctrl-C) ends this process too: the bench must stop by itself.
  process.on('disconnect', () => process.exit(1));
  const node = await startHubNode({ configFile, logLevel: 'error', nodeId: `bench-api-${process.pid}` });
  if (!node.apiUrl) throw new Error('the hub serves no REST API');
  const tenantId = node.runtime.tenantId();
  const [result] = await node.runtime.engine.runFlow(tenantId, 'seed');
  if (result.status !== 'completed' || result.counts.created !== Number(records)) throw new Error(`seed run did not complete: ${JSON.stringify(result)}`);
  const { key } = await createApiKey(node.runtime.store, { tenantId, name: 'bench', scopes: ['read'], createdBy: 'bench' });
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'stop') return;
    void node.stop().then(async () => {
      await send({ type: 'stopped', maxRssMb: process.resourceUsage().maxRSS / 1024 });
      process.exit(0);
    });
  });
  await send({ type: 'ready', url: node.apiUrl, key, maxRssMb: process.resourceUsage().maxRSS / 1024 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
