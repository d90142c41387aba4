import assert from 'node:assert/strict';
import { DataSource } from 'typeorm';
import { openStore } from '../../src/store/data-source';
import { Integration } from '../../src/store/entities';
import { uuidv7 } from '../../src/store/uuid-v7';
import { SecretBox } from '../../src/security/secret-box';
import { generateSecretKey } from '../../src/security/secret-key';
import { rotateIntegrationSecrets } from '../../src/security/rotate-secrets';
import { useTestStore } from '../../../test/support/test-store';

const KEY_A = generateSecretKey();
const KEY_B = generateSecretKey();
const KEY_C = generateSecretKey();
const boxA = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_A });

describe('rotating integration secrets', () => {
  const env = useTestStore();

  async function addIntegration(name: string, secrets: string | null): Promise<string> {
    const id = uuidv7();
    const now = new Date();
    await env.store.getRepository(Integration).insert({ id, tenantId: 'tenant-1', name, connector: 'template', description: null, endpointUrl: null, configuration: { apiKey: '***' }, secrets, status: 'active', source: null, lastSyncAt: null, createdAt: now, updatedAt: now });
    return id;
  }
  const secretsOf = async (name: string) => (await env.store.getRepository(Integration).findOneByOrFail({ name })).secrets!;

  it('re-encrypts every secret under the old key so that the new key alone decrypts it', async () => {
    const boxB = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_B });
    for (let i = 0; i < 3; i++) await addIntegration(`old-${i}`, boxA.encrypt({ apiKey: `sk-${i}` }));
    await addIntegration('already-new', boxB.encrypt({ apiKey: 'sk-new' }));
    await addIntegration('file-declared', null);
    const alreadyNew = await secretsOf('already-new');

    const rotating = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_B, IHUB_SECRET_KEYS_OLD: KEY_A });
    const report = await rotateIntegrationSecrets(env.store, rotating);

    assert.deepEqual(report, { total: 4, reencrypted: 3, currentKeyId: boxB.currentKeyId, keyIds: { [boxA.currentKeyId]: 3, [boxB.currentKeyId]: 1 } });
    for (let i = 0; i < 3; i++) {
      const text = await secretsOf(`old-${i}`);
      assert.deepEqual(boxB.decrypt(text), { apiKey: `sk-${i}` });
      assert.equal(rotating.needsRotation(text), false);
    }
    assert.equal(await secretsOf('already-new'), alreadyNew, 'rows under the current key are not rewritten');
    assert.equal((await env.store.getRepository(Integration).findOneByOrFail({ name: 'file-declared' })).secrets, null);

    const again = await rotateIntegrationSecrets(env.store, rotating);
    assert.equal(again.reencrypted, 0);
  });

  it('changes nothing and names every integration it cannot decrypt when a key is missing', async () => {
    await addIntegration('a-under-a', boxA.encrypt({ apiKey: 'a' }));
    await addIntegration('b-under-c', SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_C }).encrypt({ apiKey: 'c' }));
    const before = await secretsOf('a-under-a');

    const rotating = SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_B, IHUB_SECRET_KEYS_OLD: KEY_A });
    await assert.rejects(rotateIntegrationSecrets(env.store, rotating), (err: Error & { code: string }) => {
      assert.equal(err.code, 'IHUB_SECRET_UNKNOWN_KEY');
      assert.match(err.message, /1 integration\(s\), nothing was changed: b-under-c .*IHUB_SECRET_KEYS_OLD/);
      return true;
    });
    assert.equal(await secretsOf('a-under-a'), before, 'the transaction was rolled back');
  });

  it('fails with IHUB_SECRET_DECRYPT_FAILED on a tampered row, leaving the others as they were', async () => {
    await addIntegration('fine', boxA.encrypt({ apiKey: 'a' }));
    const good = boxA.encrypt({ apiKey: 'b' });
    await addIntegration('tampered', `${good.slice(0, -2)}${good.endsWith('AA') ? 'BB' : 'AA'}`);
    const before = await secretsOf('fine');

    await assert.rejects(rotateIntegrationSecrets(env.store, SecretBox.fromEnv({ IHUB_SECRET_KEY: KEY_B, IHUB_SECRET_KEYS_OLD: KEY_A })), { code: 'IHUB_SECRET_DECRYPT_FAILED', message: /tampered/ });
    assert.equal(await secretsOf('fine'), before);
  });
});
