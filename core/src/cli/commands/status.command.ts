import { Command } from 'commander';
import { Flow, Integration, SyncLog } from '../../store/entities';
import { action, GlobalOptions, withRuntime } from '../cli-context';
import { table, when } from '../format';

/** `ihub status`: integrations, flows and each flow's last run. */
export function statusCommand(program: Command): void {
  program
    .command('status')
    .description('show integrations, flows and their last runs')
    .action(action(async () => {
      await withRuntime(program.opts() as GlobalOptions, async ({ store }) => {
        const integrations = await store.getRepository(Integration).find({ order: { name: 'ASC' } });
        process.stdout.write(`Integrations\n${table(['name', 'connector', 'status', 'declared in'], integrations.map((i) => [i.name, i.connector, i.status, i.source]))}\n`);
        const flows = await store.getRepository(Flow).find({ order: { name: 'ASC' } });
        const rows = [];
        for (const flow of flows) {
          const last = await store.getRepository(SyncLog).findOne({ where: { flowId: flow.id }, order: { startedAt: 'DESC' } });
          rows.push([flow.name, flow.status, flow.schedule ?? 'on demand', last?.status ?? 'never run', when(last?.startedAt), last ? `${last.recordsProcessed} read, ${last.recordsCreated} created, ${last.recordsUpdated} updated, ${last.recordsDeleted} deleted, ${last.recordsFailed} failed` : '']);
        }
        process.stdout.write(`\nFlows\n${table(['name', 'status', 'schedule', 'last run', 'started', 'counts'], rows)}\n`);
      }, false);
    }));
}
