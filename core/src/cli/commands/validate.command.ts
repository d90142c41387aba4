import { Command } from 'commander';
import { formatConfigProblem } from '@ihub/plugin-kit';
import { validateConfig } from '../../config';
import { catalogOf, discoverConnectors } from '../../runtime/hub-runtime';
import { action, configPath, GlobalOptions } from '../cli-context';

/** `ihub validate [path]`: every problem of the config at once, `file:line path: message`; exit 1 when there is any. */
export function validateCommand(program: Command): void {
  program
    .command('validate [path]')
    .description('check hub.yaml and the integration files; print every problem with file:line and path')
    .action(action(async (given: string | undefined) => {
      const file = configPath({ config: given ?? (program.opts() as GlobalOptions).config });
      const first = await validateConfig(file);
      let problems = first.problems;
      let registryErrors: string[] = [];
      if (first.config) {
        const registry = discoverConnectors(first.config.hub);
        registryErrors = registry.errors.map((e) => `${e.code}: ${e.message}`);
        problems = (await validateConfig(file, { connectors: catalogOf(registry) })).problems;
      }
      for (const e of registryErrors) process.stderr.write(`warning ${e}\n`);
      if (problems.length === 0) {
        process.stdout.write(`${file}: configuration is valid\n`);
        return 0;
      }
      for (const p of problems) process.stdout.write(`${formatConfigProblem(p)}\n`);
      process.stdout.write(`\n${problems.length} problem(s)\n`);
      return 1;
    }));
}
