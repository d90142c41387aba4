import { Command } from 'commander';
import { createBroker } from '../../broker/create-broker';
import { CONFIG_APPLIED_EVENT } from '../../services/hub.service';
import { action, GlobalOptions, withRuntime } from '../cli-context';
import { table } from '../format';

/**
 * `ihub apply`: load the config files into the store now. On a cluster (a transporter is set) the
 * running nodes are told to re-read their config; a single process is told with SIGHUP or a restart.
 */
export function applyCommand(program: Command): void {
  program
    .command('apply')
    .description('validate the config, load tenants, integrations and flows into the store, and tell running nodes')
    .action(action(async () => {
      const transporter = await withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const a = runtime.applied!;
        process.stdout.write(`${table(['', 'created', 'updated', 'unchanged', 'removed'], (['tenants', 'integrations', 'flows', 'webhooks'] as const).map((k) => [k, a[k].created, a[k].updated, a[k].unchanged, a[k].removed]))}\n`);
        return runtime.settings.transporter;
      });
      if (!transporter) {
        process.stdout.write('no transporter configured: send SIGHUP to a running `ihub start` (or restart it) to load the new config\n');
        return 0;
      }
      const broker = createBroker({ transporter, nodeId: `cli-apply-${process.pid}`, namespace: process.env.IHUB_NAMESPACE, logLevel: 'warn' });
      await broker.start();
      try {
        // A new node learns the others' services asynchronously; wait to see at least one hub node.
        await broker.waitForServices('hub', 10_000);
      } catch {
        process.stdout.write(`no running hub node found on ${transporter}; nodes started later read the new config at start\n`);
        await broker.stop();
        return 0;
      }
      await broker.broadcast(CONFIG_APPLIED_EVENT, {});
      await broker.stop();
      process.stdout.write(`running nodes on ${transporter} told to reload their config\n`);
      return 0;
    }));
}
