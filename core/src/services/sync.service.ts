import { Service, ServiceBroker, Context } from 'moleculer';
import { z } from 'zod';
import { ConfigInvalidError } from '@ihub/plugin-kit';
import type { HubRuntime } from '../runtime/hub-runtime';
import type { RunProgress } from '../sync/sync-engine';

export const runFlowParams = z.strictObject({
  tenant: z.string().default('default'),
  flow: z.string().min(1),
  full: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

/**
 * `sync.run` starts a flow's run on this node (the lease makes it the only one in the cluster
 * for each stream) and answers with each stream's result. Progress is broadcast as
 * `sync.progress` events so a CLI or dashboard on any node can follow it. `shutdown` cancels runs at
 * their next page boundary: committed pages stay committed and the next run resumes from the cursor.
 */
export function createSyncService(broker: ServiceBroker, runtime: HubRuntime, shutdown: AbortSignal): Service {
  return broker.createService({
    name: 'sync',
    actions: {
      run: {
        async handler(ctx: Context<unknown>) {
          const parsed = runFlowParams.safeParse(ctx.params ?? {});
          if (!parsed.success) throw new ConfigInvalidError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })), 'sync.run parameters');
          const { tenant, flow, full, dryRun } = parsed.data;
          return runtime.engine.runFlow(runtime.tenantId(tenant), flow, {
            full,
            dryRun,
            signal: shutdown,
            onProgress: (progress: RunProgress) => broker.broadcast('sync.progress', progress),
          });
        },
      },
    },
  });
}
