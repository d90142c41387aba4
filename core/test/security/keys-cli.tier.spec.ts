import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { openStore } from '../../src/store/data-source';
import { Integration, WebhookSubscription } from '../../src/store/entities';
import { uuidv7 } from '../../src/store/uuid-v7';
import { SecretBox } from '../../src/security/secret-box';
import { generateSecretKey, parseSecretKey } from '../../src/security/secret-key';
import { generateWebhookSecret } from '../../src/webhooks/webhook-signature';
import { exited, spawnCli } from '../../../test/support/cli-process';
import { TestProject } from '../../../test/support/test-hub';

async function run(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawnCli(args, env, cwd);
  const code = await exited(child);
  return { code, output: child.output() };
}

// Runs the built CLI (`npx tsc -b` first), as an operator would.
describe('ihub keys', () => {
  it('generate prints a usable random key and how to set it', async () => {
    const { code, output } = await run(['keys', 'generate'], { ...process.env }, process.cwd());
    assert.equal(code, 0);
    const key = output.split('\n')[0];
    assert.equal(Buffer.from(key, 'base64').length, 32);
    assert.match(output, new RegExp(`IHUB_SECRET_KEY=${key.replace(/[+/]/g, '\\$&')}`));
    assert.match(output, new RegExp(`key id ${parseSecretKey(key, 'test').id}`));
    assert.match(output, /IHUB_SECRET_KEYS_OLD.*ihub keys rotate/);
    const second = await run(['keys', 'generate'], { ...process.env }, process.cwd());
    assert.notEqual(second.output.split('\n')[0], key);
  });

  describe('rotate', () => {
    let project: TestProject;
    let store: DataSource;
    beforeEach(async () => {
      project = await TestProject.create({});
      store = await openStore({ url: project.db.url });
    });
    afterEach(async () => {
      await store.destroy();
      await project.dispose();
    });

    it('re-encrypts under the new key and reports the key ids it found', async () => {
      const [oldKey, newKey] = [generateSecretKey(), generateSecretKey()];
      const oldBox = SecretBox.fromEnv({ IHUB_SECRET_KEY: oldKey });
      const newBox = SecretBox.fromEnv({ IHUB_SECRET_KEY: newKey });
      const now = new Date();
      await store.getRepository(Integration).insert({ id: uuidv7(), tenantId: 't', name: 'api', connector: 'template', description: null, endpointUrl: null, configuration: {}, secrets: oldBox.encrypt({ apiKey: 'sk' }), status: 'active', source: null, lastSyncAt: null, createdAt: now, updatedAt: now });

      const env = { ...project.env, IHUB_SECRET_KEY: newKey, IHUB_SECRET_KEYS_OLD: oldKey };
      const { code, output } = await run(['-c', project.configFile, 'keys', 'rotate'], env, project.root);
      assert.equal(code, 0, output);
      assert.equal(output, `re-encrypted 1 of 1 integration secret(s) under key ${newBox.currentKeyId}\nkey ids found: ${oldBox.currentKeyId} (1)\n` +
        `re-encrypted 0 of 0 webhook subscription secret(s) under key ${newBox.currentKeyId}\nkey ids found: none\n`);
      assert.deepEqual(newBox.decrypt((await store.getRepository(Integration).findOneByOrFail({ name: 'api' })).secrets!), { apiKey: 'sk' });
    });

    const subscription = (name: string, secret: string, previous: { secret: string; until: Date } | null): WebhookSubscription => {
      const now = new Date();
      return {
        id: uuidv7(), tenantId: 't', name, url: 'https://example.com/hook', description: null, eventTypes: ['*'], filter: null, enabled: true, disabledReason: null,
        secret, previousSecret: previous?.secret ?? null, previousSecretExpiresAt: previous?.until ?? null, maxConcurrency: 10, failingSince: null, source: null, createdAt: now, updatedAt: now,
      };
    };

    it('re-encrypts webhook signing secrets too, and drops a previous secret whose overlap has ended', async () => {
      const [oldKey, newKey] = [generateSecretKey(), generateSecretKey()];
      const oldBox = SecretBox.fromEnv({ IHUB_SECRET_KEY: oldKey });
      const newBox = SecretBox.fromEnv({ IHUB_SECRET_KEY: newKey });
      const [current, previous, expired] = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
      const inAnHour = new Date(Date.now() + 3_600_000);
      await store.getRepository(WebhookSubscription).insert([
        subscription('overlapping', oldBox.encrypt(current), { secret: oldBox.encrypt(previous), until: inAnHour }),
        subscription('expired', oldBox.encrypt(current), { secret: oldBox.encrypt(expired), until: new Date(Date.now() - 1000) }),
        // Declared in a config file: its secret lives in the environment, nothing is stored.
        { ...subscription('declared', '', null), secret: null, source: 'config/integrations/test.yaml:3' },
      ]);

      const env = { ...project.env, IHUB_SECRET_KEY: newKey, IHUB_SECRET_KEYS_OLD: oldKey };
      const { code, output } = await run(['-c', project.configFile, 'keys', 'rotate'], env, project.root);
      assert.equal(code, 0, output);
      assert.match(output, new RegExp(`re-encrypted 2 of 2 webhook subscription secret\\(s\\) under key ${newBox.currentKeyId}\nkey ids found: ${oldBox.currentKeyId} \\(3\\)\n$`));

      // Only the new key is needed from now on: the old one can be removed.
      const rows = await store.getRepository(WebhookSubscription).find({ order: { name: 'ASC' } });
      const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
      assert.equal(newBox.decrypt(byName.overlapping.secret!), current);
      assert.equal(newBox.decrypt(byName.overlapping.previousSecret!), previous);
      assert.equal(byName.overlapping.previousSecretExpiresAt!.getTime(), inAnHour.getTime());
      assert.equal(newBox.decrypt(byName.expired.secret!), current);
      assert.equal(byName.expired.previousSecret, null);
      assert.equal(byName.declared.secret, null);

      const again = await run(['-c', project.configFile, 'keys', 'rotate'], env, project.root);
      assert.match(again.output, new RegExp(`re-encrypted 0 of 2 webhook subscription secret\\(s\\).*\nkey ids found: ${newBox.currentKeyId} \\(3, current\\)`));
    });

    it('changes no webhook secret when one of them cannot be decrypted, and says which', async () => {
      const [oldKey, newKey, lostKey] = [generateSecretKey(), generateSecretKey(), generateSecretKey()];
      const oldBox = SecretBox.fromEnv({ IHUB_SECRET_KEY: oldKey });
      const lost = SecretBox.fromEnv({ IHUB_SECRET_KEY: lostKey });
      const readable = oldBox.encrypt(generateWebhookSecret());
      await store.getRepository(WebhookSubscription).insert([subscription('readable', readable, null), subscription('orphan', lost.encrypt(generateWebhookSecret()), null)]);

      const env = { ...project.env, IHUB_SECRET_KEY: newKey, IHUB_SECRET_KEYS_OLD: oldKey };
      const { code, output } = await run(['-c', project.configFile, 'keys', 'rotate'], env, project.root);
      assert.equal(code, 1, output);
      assert.match(output, new RegExp(`error IHUB_SECRET_UNKNOWN_KEY: cannot decrypt the secrets of 1 webhook subscription\\(s\\), nothing was changed: orphan .*${lost.currentKeyId}`));
      assert.equal((await store.getRepository(WebhookSubscription).findOneByOrFail({ name: 'readable' })).secret, readable);
    });

    it('exits 1 with a coded error when no key is configured', async () => {
      const env: NodeJS.ProcessEnv = { ...project.env };
      delete env.IHUB_SECRET_KEY;
      const { code, output } = await run(['-c', project.configFile, 'keys', 'rotate'], env, project.root);
      assert.equal(code, 1);
      assert.match(output, /^error IHUB_SECRET_KEY_MISSING: .*ihub keys generate/);
    });
  });
});
