import { DataSource, IsNull, Not } from 'typeorm';
import { Integration } from '../store/entities';
import { reencryptRows, type SecretRotationReport } from './reencrypt-rows';
import { SecretBox } from './secret-box';

/**
 * Re-encrypts every `integration.secrets` not under the current key, decrypting with the old keys,
 * in one transaction; nothing changes if any row cannot be decrypted (see `reencryptRows`).
 */
export function rotateIntegrationSecrets(store: DataSource, box: SecretBox): Promise<SecretRotationReport> {
  return reencryptRows(store, box.currentKeyId, (text) => box.keyIdOf(text), {
    entity: Integration,
    kind: 'integration',
    select: { secrets: true },
    holding: { secrets: Not(IsNull()) },
    ciphertexts: (row) => [row.secrets!],
    rewrite: (row) => (box.needsRotation(row.secrets!) ? { secrets: box.encrypt(box.decrypt(row.secrets!)) } : null),
    asRead: (row) => ({ id: row.id, secrets: row.secrets! }),
  });
}
