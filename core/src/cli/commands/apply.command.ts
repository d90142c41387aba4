import { Command } from 'commander';
import { action, GlobalOptions, withRuntime } from '../cli-context';
import { table } from '../format';

/** `ihub apply`: load the config files into the store now (a running hub picks them up on restart). */
export function applyCommand(program: Command): void {
  program
    .command('apply')
    .description('validate the config and load tenants, integrations and flows into the store')
    .action(action(async () => {
      await withRuntime(program.opts() as GlobalOptions, async (runtime) => {
        const a = runtime.applied!;
        process.stdout.write(`${table(['', 'created', 'updated', 'unchanged', 'removed'], (['tenants', 'integrations', 'flows'] as const).map((k) => [k, a[k].created, a[k].updated, a[k].unchanged, a[k].removed]))}\n`);
      });
    }));
}
