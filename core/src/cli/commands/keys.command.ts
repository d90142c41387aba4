import { Command } from 'commander';
import { generateSecretKey, rotateIntegrationSecrets, SecretBox, secretKeyId } from '../../security';
import { action, GlobalOptions, withRuntime } from '../cli-context';

/** `ihub keys generate | rotate`: the keys that encrypt integration secrets at rest. */
export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('manage the keys that encrypt integration secrets (IHUB_SECRET_KEY)');

  keys
    .command('generate')
    .description('print a new random key')
    .action(action(async () => {
      const key = generateSecretKey();
      // The key alone on stdout, so `IHUB_SECRET_KEY=$(ihub keys generate)` works; guidance on stderr.
      process.stdout.write(`${key}\n`);
      process.stderr.write(
        `key id ${secretKeyId(Buffer.from(key, 'base64'))}. Set it in the hub's environment:\n` +
          `  IHUB_SECRET_KEY=${key}\n` +
          'To replace a key: make the new one IHUB_SECRET_KEY, move the old one into IHUB_SECRET_KEYS_OLD (comma-separated), ' +
          'run `ihub keys rotate`, then remove the old key.\n',
      );
    }));

  keys
    .command('rotate')
    .description('re-encrypt every integration secret under the current key (IHUB_SECRET_KEY), using IHUB_SECRET_KEYS_OLD to decrypt')
    .action(action(async () => {
      // Keys are checked before the database is opened: a missing key should not wait on a connection.
      const box = SecretBox.fromEnv(process.env);
      const report = await withRuntime(program.opts() as GlobalOptions, ({ store }) => rotateIntegrationSecrets(store, box), false);
      const found = Object.entries(report.keyIds).map(([id, n]) => `${id} (${n}${id === report.currentKeyId ? ', current' : ''})`);
      process.stdout.write(
        `re-encrypted ${report.reencrypted} of ${report.total} integration secret(s) under key ${report.currentKeyId}\n` +
          `key ids found: ${found.length > 0 ? found.join(', ') : 'none'}\n`,
      );
    }));
}
