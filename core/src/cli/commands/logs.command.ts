import { Command } from 'commander';
import { NotFoundError } from '@ihub/plugin-kit';
import { Flow, SyncLog } from '../../store/entities';
import { action, GlobalOptions, withRuntime } from '../cli-context';
import { table, when } from '../format';

/** `ihub logs <flow>`: the flow's sync log rows, newest first, with per-record errors. */
export function logsCommand(program: Command): void {
  program
    .command('logs <flow>')
    .description("show a flow's sync runs and their per-record errors")
    .option('-n, --limit <n>', 'runs to show', '10')
    .option('--tenant <code>', 'tenant of the flow', 'default')
    .action(action(async (flowName: string, opts: { limit: string; tenant: string }) => {
      return withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const flow = await runtime.store.getRepository(Flow).findOneBy({ tenantId: runtime.tenantId(opts.tenant), name: flowName });
        if (!flow) throw new NotFoundError('flow', flowName);
        const logs = await runtime.store.getRepository(SyncLog).find({ where: { flowId: flow.id }, order: { startedAt: 'DESC' }, take: Number(opts.limit) });
        process.stdout.write(`${table(['run', 'type', 'status', 'started', 'ms', 'read', 'created', 'updated', 'deleted', 'unchanged', 'failed', 'node'], logs.map((l) => [l.id.slice(0, 8), l.syncType, l.status, when(l.startedAt), l.durationMs, l.recordsProcessed, l.recordsCreated, l.recordsUpdated, l.recordsDeleted, l.recordsUnchanged, l.recordsFailed, l.nodeId]))}\n`);
        for (const log of logs) {
          if (log.error) process.stdout.write(`\nrun ${log.id.slice(0, 8)} failed: ${log.error.code}: ${log.error.message}\n`);
          if (log.errorDetails.length === 0) continue;
          process.stdout.write(`\nrun ${log.id.slice(0, 8)}: ${log.recordsFailed} record error(s)\n`);
          process.stdout.write(`${table(['stage', 'integration', 'external id', 'record', 'code', 'message'], log.errorDetails.map((e) => [e.stage, e.integration, e.externalId, e.recordId?.slice(0, 8), e.code, e.message]))}\n`);
        }
        return 0;
      }, false);
    }));
}
