// The hub node of the `webhooks` scenario, in its own process so that it shares no event loop with
// the consumer: `node -r register-ts webhooks-hub.ts <config> <consumer url> <concurrency>`, forked
// with an IPC channel. Starts a node (webhooks on, no REST API), subscribes the consumer to
// record.created and reports `ready` with the signing secret; then produces events when asked.
import { startHubNode, type HubNode } from '../../core/src/hub-node';
import { createSubscription } from '../../core/src/webhooks/subscription-admin';
import { personRow, SOURCE_HEADER } from './bench-data';
import type { ChildMessage, ParentMessage } from './webhooks-ipc';

/** How often the steady producer pushes what is due. */
const TICK_MS = 50;

const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Pushes `rate` people a second through the `steady` flow, as a source's inbound webhook would
 * (each push is a sync run of its own), keeping to the rate by wall clock.
 */
async function steady(node: HubNode, rate: number, seconds: number): Promise<number> {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  let produced = 0;
  while (produced < total) {
    const due = Math.min(total, Math.floor((rate * (performance.now() - started)) / 1000)) - produced;
    if (due > 0) {
      const records = Array.from({ length: due }, (_, k) => {
        const i = produced + k;
        const row = personRow(`S${i}`, i);
        return { id: row[0], data: Object.fromEntries(SOURCE_HEADER.map((column, c) => [column, row[c]])) };
      });
      const [result] = await node.runtime.engine.runFlow(node.runtime.tenantId(), 'steady', { trigger: 'webhook', records });
      if (result.status !== 'completed' || result.counts.created !== due) throw new Error(`steady run did not complete: ${JSON.stringify(result)}`);
      produced += due;
    }
    await sleep(TICK_MS);
  }
  return produced;
}

async function burst(node: HubNode): Promise<number> {
  const [result] = await node.runtime.engine.runFlow(node.runtime.tenantId(), 'burst');
  if (result.status !== 'completed') throw new Error(`burst run did not complete: ${JSON.stringify(result)}`);
  return result.counts.created;
}

async function main(): Promise<void> {
  const [configFile, url, concurrency] = process.argv.slice(2);
  // The parent going away (crash, Ctrl-C) ends this process too: the bench must stop by itself.
  process.on('disconnect', () => process.exit(1));
  const node = await startHubNode({ configFile, logLevel: 'error', nodeId: `bench-webhooks-${process.pid}` });
  const { runtime } = node;
  const { secret } = await createSubscription({ store: runtime.store, box: runtime.secretBox(), defaultConcurrency: runtime.config.hub.webhooks.maxConcurrency }, runtime.tenantId(), {
    name: 'bench', url, events: ['record.created'], enabled: true, maxConcurrency: Number(concurrency),
  });
  process.on('message', (message: ParentMessage) => {
    const produce = async (run: () => Promise<number>) => {
      const started = performance.now();
      const events = await run();
      await send({ type: 'produced', events, seconds: (performance.now() - started) / 1000 });
    };
    const fail = (err: Error) => {
      console.error(err);
      process.exit(1);
    };
    if (message.type === 'steady') produce(() => steady(node, message.rate, message.seconds)).catch(fail);
    if (message.type === 'burst') produce(() => burst(node)).catch(fail);
    if (message.type === 'stop') {
      void node.stop().then(async () => {
        await send({ type: 'stopped', maxRssMb: process.resourceUsage().maxRSS / 1024 });
        process.exit(0);
      });
    }
  });
  await send({ type: 'ready', secret });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
