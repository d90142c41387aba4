import { Cron } from 'croner';
import { Service, ServiceBroker } from 'moleculer';
import { DataSource, FindOptionsWhere, In, IsNull, LessThan, Or } from 'typeorm';
import { Flow, Integration, Tenant } from '../store/entities';

/**
 * Runs flows on their cron schedules. Every node runs the same timers; a tick is claimed with one
 * conditional UPDATE on the flow's `last_tick_at`, so each tick starts exactly one run in the
 * cluster however many nodes there are, and a node that dies does not stop the schedule.
 */
export function createSchedulerService(broker: ServiceBroker, store: DataSource): Service {
  const jobs: Cron[] = [];
  return broker.createService({
    name: 'scheduler',
    actions: {
      /** Re-reads schedules from the store (after `apply`). */
      reload: { handler: () => reload() },
    },
    started: async () => {
      await reload();
    },
    stopped: () => stop(),
  });

  function stop(): void {
    for (const job of jobs.splice(0)) job.stop();
  }

  async function reload(): Promise<number> {
    stop();
    const flows = await store.getRepository(Flow).find({ where: { status: 'active' } });
    for (const flow of flows.filter((f) => f.schedule)) {
      jobs.push(new Cron(flow.schedule!, { name: flow.id, protect: true, catch: true }, async (job: Cron) => tick(flow, job.currentRun() ?? new Date())));
    }
    broker.logger.info(`scheduler: ${jobs.length} scheduled flow(s)`);
    // A scheduled flow that has never been scheduled starts now rather than at its first tick, so a
    // new hub (or a newly added flow) shows records and a sync log at once. Claimed only while no
    // tick was ever claimed, so of several nodes starting together one runs it.
    for (const flow of flows.filter((f) => f.schedule && !f.lastTickAt)) void runIfClaimed(flow, { id: flow.id, lastTickAt: IsNull() }, new Date());
    return jobs.length;
  }

  async function tick(flow: Flow, scheduledAt: Date): Promise<void> {
    const tickAt = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000);
    await runIfClaimed(flow, { id: flow.id, lastTickAt: Or(IsNull(), LessThan(tickAt)) }, tickAt);
  }

  async function runIfClaimed(flow: Flow, claim: FindOptionsWhere<Flow>, tickAt: Date): Promise<void> {
    const claimed = await store.getRepository(Flow).update(claim, { lastTickAt: tickAt });
    if (!claimed.affected) return;
    const definition = flow.definition as { source?: { integration?: string }; targets?: Array<{ integration?: string }> };
    const names = [definition.source?.integration, ...(definition.targets ?? []).map((t) => t.integration)].filter((n): n is string => !!n);
    const paused = await store.getRepository(Integration).find({ select: { name: true }, where: { tenantId: flow.tenantId, name: In(names), status: 'paused' } });
    if (paused.length > 0) {
      broker.logger.debug(`flow ${flow.name} not run: integration ${paused.map((i) => i.name).join(', ')} is paused`);
      return;
    }
    const tenant = await store.getRepository(Tenant).findOneBy({ id: flow.tenantId });
    try {
      await broker.call('sync.run', { tenant: tenant?.code, flow: flow.name });
    } catch (err) {
      broker.logger.warn(`scheduled run of flow ${flow.name} did not complete: ${(err as Error).message}`);
    }
  }
}
