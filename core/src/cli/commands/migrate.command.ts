import { Command } from 'commander';
import { openStore } from '../../store/data-source';
import { resolveRuntimeSettings, loadConfig } from '../../config';
import { action, configPath, GlobalOptions } from '../cli-context';

/** `ihub migrate`: bring the database schema up to date (every start does too). */
export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('run pending database migrations')
    .action(action(async () => {
      const config = await loadConfig(configPath(program.opts() as GlobalOptions));
      const { database } = resolveRuntimeSettings(config.hub);
      const store = await openStore({ url: database });
      try {
        const rows: Array<{ name: string }> = await store.query('SELECT name FROM migrations ORDER BY id');
        process.stdout.write(`database ${database.replace(/\/\/[^@]*@/, '//***@')} is up to date; applied migrations:\n${rows.map((r) => `  ${r.name}`).join('\n')}\n`);
      } finally {
        await store.destroy();
      }
    }));
}
