import { Command } from 'commander';
import { generateSecretKey, rotateIntegrationSecrets, SecretBox, secretKeyId, type SecretRotationReport } from '../../security';
import { rotateSubscriptionSecrets } from '../../webhooks/rotate-subscription-secrets';
import { action, GlobalOptions, withRuntime } from '../cli-context';

function rotationLines(report: SecretRotationReport, what: string): string {
  const found = Object.entries(report.keyIds).map(([id, n]) => `${id} (${n}${id === report.currentKeyId ? ', current' : ''})`);
  return `re-encrypted ${report.reencrypted} of ${report.total} ${what} under key ${report.currentKeyId}\nkey ids found: ${found.length > 0 ? found.join(', ') : 'none'}\n`;
}

/** `ihub keys generate | rotate`: the keys that encrypt stored secrets (integrations, webhook subscriptions). */
export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('manage the keys that encrypt stored secrets (IHUB_SECRET_KEY)');

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
    .description('re-encrypt every stored integration secret and webhook signing secret under the current key (IHUB_SECRET_KEY), using IHUB_SECRET_KEYS_OLD to decrypt')
    .action(action(async () => {
      // Keys are checked before the database is opened: a missing key should not wait on a connection.
      const box = SecretBox.fromEnv(process.env);
      await withRuntime(program.opts() as GlobalOptions, async ({ store }) => {
        // Each kind is all or nothing; a failure of the second leaves the first done, which a rerun finds so.
        process.stdout.write(rotationLines(await rotateIntegrationSecrets(store, box), 'integration secret(s)'));
        process.stdout.write(rotationLines(await rotateSubscriptionSecrets(store, box), 'webhook subscription secret(s)'));
      }, false);
    }));
}
