import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { openStore } from '../../src/store/data-source';
import { Integration } from '../../src/store/entities';
import { uuidv7 } from '../../src/store/uuid-v7';
import { SecretBox } from '../../src/security/secret-box';
import { generateSecretKey, parseSecretKey } from '../../src/security/secret-key';
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
      assert.equal(output, `re-encrypted 1 of 1 integration secret(s) under key ${newBox.currentKeyId}\nkey ids found: ${oldBox.currentKeyId} (1)\n`);
      assert.deepEqual(newBox.decrypt((await store.getRepository(Integration).findOneByOrFail({ name: 'api' })).secrets!), { apiKey: 'sk' });
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
