import { DataSource, IsNull, MoreThan, Not } from 'typeorm';
import { HubError } from '@ihub/plugin-kit';
import type { SecretBox, SecretRotationReport } from '../security';
import { WebhookSubscription } from '../store/entities';

const BATCH = 500;

/**
 * Re-encrypts the signing secrets of subscriptions made over the API or CLI under the current
 * key (config-file subscriptions store none), in one transaction. A previous secret whose
 * overlap has ended no longer signs, so it is dropped rather than carried over under the new
 * key. If any secret cannot be decrypted nothing is changed, and the error lists every such
 * subscription. `total` counts subscriptions holding a secret; `keyIds` counts the ciphertexts
 * found per key.
 */
export async function rotateSubscriptionSecrets(store: DataSource, box: SecretBox, now = new Date()): Promise<SecretRotationReport> {
  return store.transaction(async (em) => {
    const report: SecretRotationReport = { total: 0, reencrypted: 0, currentKeyId: box.currentKeyId, keyIds: {} };
    const failures: string[] = [];
    let firstError: HubError | undefined;
    let after = '';
    for (;;) {
      const rows = await em.getRepository(WebhookSubscription).find({
        select: { id: true, tenantId: true, name: true, secret: true, previousSecret: true, previousSecretExpiresAt: true },
        where: { secret: Not(IsNull()), id: MoreThan(after) },
        order: { id: 'ASC' },
        take: BATCH,
      });
      for (const row of rows) {
        report.total += 1;
        const expired = row.previousSecret !== null && !(row.previousSecretExpiresAt && row.previousSecretExpiresAt > now);
        const kept = expired ? [row.secret!] : [row.secret!, row.previousSecret].filter((s): s is string => s !== null);
        let next: Pick<WebhookSubscription, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>;
        try {
          for (const text of kept) {
            const keyId = box.keyIdOf(text);
            report.keyIds[keyId] = (report.keyIds[keyId] ?? 0) + 1;
          }
          if (!expired && !kept.some((text) => box.needsRotation(text))) continue;
          const reencrypt = (text: string) => (box.needsRotation(text) ? box.encrypt(box.decrypt(text)) : text);
          next = expired
            ? { secret: reencrypt(row.secret!), previousSecret: null, previousSecretExpiresAt: null }
            : { secret: reencrypt(row.secret!), previousSecret: row.previousSecret && reencrypt(row.previousSecret), previousSecretExpiresAt: row.previousSecretExpiresAt };
        } catch (err) {
          const error = HubError.from(err);
          firstError ??= error;
          failures.push(`${row.name} (id ${row.id}, tenant ${row.tenantId}): ${error.code}: ${error.message}`);
          continue;
        }
        // Compare-and-set: a secret rotated meanwhile (by the API, under the current key) is left alone.
        const { affected } = await em.update(WebhookSubscription, { id: row.id, secret: row.secret!, previousSecret: row.previousSecret ?? IsNull() }, next);
        report.reencrypted += affected ?? 0;
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    if (firstError) {
      // The first failure's code, so scripts can tell "a key is missing" from "a value is corrupt".
      throw new HubError(firstError.code, `cannot decrypt the secrets of ${failures.length} webhook subscription(s), nothing was changed: ${failures.join('; ')}`, { fault: firstError.fault });
    }
    return report;
  });
}
