import path from 'node:path';
import { Command } from 'commander';
import { formatConfigProblem } from '@ihub/plugin-kit';
import { validateHubConfig } from '../../runtime/hub-runtime';
import { action, configPath, GlobalOptions } from '../cli-context';

/** `ihub validate [path]`: every problem of the config at once, `file:line path: message`; exit 1 when there is any. */
export function validateCommand(program: Command): void {
  program
    .command('validate [path]')
    .description('check hub.yaml and the integration files; print every problem with file:line and path')
    .action(action(async (given: string | undefined) => {
      const file = configPath({ config: given ?? (program.opts() as GlobalOptions).config });
      const { validation, registry } = await validateHubConfig({ configFile: file });
      for (const e of registry.errors) process.stderr.write(`warning ${e.code}: ${e.message}\n`);
      if (validation.problems.length === 0) {
        process.stdout.write(`${path.relative(process.cwd(), file) || file}: configuration is valid\n`);
        return 0;
      }
      for (const p of validation.problems) process.stdout.write(`${formatConfigProblem(p)}\n`);
      process.stdout.write(`\n${validation.problems.length} problem(s)\n`);
      return 1;
    }));
}
