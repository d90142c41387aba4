import { Command } from 'commander';
import { loadConfig } from '../../config';
import { discoverConnectors } from '../../runtime/hub-runtime';
import { action, configPath, GlobalOptions } from '../cli-context';
import { table } from '../format';

/** `ihub connectors`: installed connector plugins, their entities and operations, and plugins that failed to load. */
export function connectorsCommand(program: Command): void {
  program
    .command('connectors')
    .description('list installed connector plugins and their entities')
    .action(action(async () => {
      const config = await loadConfig(configPath(program.opts() as GlobalOptions));
      const registry = discoverConnectors(config.hub);
      const rows = registry.describe().flatMap((c) => c.entities.map((e, i) => [i === 0 ? c.id : '', i === 0 ? c.version : '', i === 0 ? c.package : '', e.name, e.changeTracking, e.operations.join(', ')]));
      process.stdout.write(`${table(['connector', 'version', 'package', 'entity', 'changes', 'operations'], rows)}\n`);
      for (const e of registry.errors) process.stdout.write(`failed to load: ${e.code}: ${e.message}\n`);
      return registry.errors.length > 0 ? 1 : 0;
    }));
}
