import { Service, ServiceBroker } from 'moleculer';
import type { HubRuntime } from '../runtime/hub-runtime';

/** Broadcast by `ihub apply` on a cluster: every node re-reads its config files. */
export const CONFIG_APPLIED_EVENT = 'hub.config-applied';
/** Broadcast when an integration is created, changed or deleted over the API: `{ id }`. */
export const INTEGRATION_CHANGED_EVENT = 'hub.integration-changed';
/** Broadcast when a flow is created, changed or deleted over the API: schedules are re-read. */
export const FLOWS_CHANGED_EVENT = 'hub.flows-changed';

/**
 * The node's own housekeeping: `hub.reload` (and the `hub.config-applied` broadcast) re-read the
 * config files and reschedule, so a changed integration or flow needs no restart.
 */
export function createHubService(broker: ServiceBroker, runtime: HubRuntime): Service {
  const reload = async () => {
    const applied = await runtime.reload();
    if (broker.getLocalService('scheduler')) await broker.call('scheduler.reload', {}, { nodeID: broker.nodeID });
    broker.logger.info(`config reloaded: integrations +${applied.integrations.created} ~${applied.integrations.updated} -${applied.integrations.removed}, flows +${applied.flows.created} ~${applied.flows.updated} -${applied.flows.removed}`);
    return applied;
  };
  return broker.createService({
    name: 'hub',
    actions: {
      reload: { handler: reload },
    },
    events: {
      [CONFIG_APPLIED_EVENT]: {
        async handler() {
          await reload().catch((err: Error) => broker.logger.error(`config reload failed, keeping the running config: ${err.message}`));
        },
      },
      [INTEGRATION_CHANGED_EVENT]: {
        async handler(ctx: { params: { id?: string } }) {
          if (ctx.params?.id) await runtime.refreshIntegration(ctx.params.id).catch((err: Error) => broker.logger.error(`refreshing integration ${ctx.params.id} failed: ${err.message}`));
        },
      },
      [FLOWS_CHANGED_EVENT]: {
        async handler() {
          if (broker.getLocalService('scheduler')) await broker.call('scheduler.reload', {}, { nodeID: broker.nodeID }).catch((err: Error) => broker.logger.error(`rescheduling failed: ${err.message}`));
        },
      },
    },
  });
}
