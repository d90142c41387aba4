import { DataSource, IsNull, Not } from 'typeorm';
import { reencryptRows, type SecretBox, type SecretRotationReport } from '../security';
import { WebhookSubscription } from '../store/entities';

/**
 * Re-encrypts the signing secrets of subscriptions made over the API or CLI under the current
 * key (config-file subscriptions store none), in one transaction; nothing changes if any secret
 * cannot be decrypted (see `reencryptRows`). A previous secret whose overlap has ended no longer
 * signs, so it is dropped rather than carried over under the new key. `total` counts
 * subscriptions holding a secret; `keyIds` counts the ciphertexts found per key.
 */
export function rotateSubscriptionSecrets(store: DataSource, box: SecretBox, now = new Date()): Promise<SecretRotationReport> {
  const expired = (row: WebhookSubscription) => row.previousSecret !== null && !(row.previousSecretExpiresAt && row.previousSecretExpiresAt > now);
  const reencrypt = (text: string) => (box.needsRotation(text) ? box.encrypt(box.decrypt(text)) : text);
  return reencryptRows(store, box.currentKeyId, (text) => box.keyIdOf(text), {
    entity: WebhookSubscription,
    kind: 'webhook subscription',
    select: { secret: true, previousSecret: true, previousSecretExpiresAt: true },
    holding: { secret: Not(IsNull()) },
    ciphertexts: (row) => (expired(row) ? [row.secret!] : [row.secret!, row.previousSecret].filter((s): s is string => s !== null)),
    rewrite(row) {
      if (expired(row)) return { secret: reencrypt(row.secret!), previousSecret: null, previousSecretExpiresAt: null };
      if (![row.secret!, row.previousSecret].some((text) => text !== null && box.needsRotation(text))) return null;
      return { secret: reencrypt(row.secret!), previousSecret: row.previousSecret && reencrypt(row.previousSecret), previousSecretExpiresAt: row.previousSecretExpiresAt };
    },
    asRead: (row) => ({ id: row.id, secret: row.secret!, previousSecret: row.previousSecret ?? IsNull() }),
  });
}
