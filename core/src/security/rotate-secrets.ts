import { DataSource, IsNull, MoreThan, Not } from 'typeorm';
import { HubError } from '@ihub/plugin-kit';
import { Integration } from '../store/entities';
import { SecretBox } from './secret-box';

/** What `rotateIntegrationSecrets` did. */
export interface SecretRotationReport {
  /** Integrations holding encrypted secrets. */
  total: number;
  /** Of those, how many were re-encrypted under the current key. */
  reencrypted: number;
  currentKeyId: string;
  /** Rows per key id found before the rotation. */
  keyIds: Record<string, number>;
}

/** Rows read per query: integrations are few, but a flat memory profile costs nothing here. */
const BATCH = 500;

/**
 * Re-encrypts every `integration.secrets` not under the current key, decrypting with the old keys,
 * in one transaction. If any row cannot be decrypted, nothing is changed and the error lists every
 * such integration, so one run shows all the keys that are missing.
 */
export async function rotateIntegrationSecrets(store: DataSource, box: SecretBox): Promise<SecretRotationReport> {
  return store.transaction(async (em) => {
    const report: SecretRotationReport = { total: 0, reencrypted: 0, currentKeyId: box.currentKeyId, keyIds: {} };
    const failures: Array<{ integration: string; error: HubError }> = [];
    let after = '';
    for (;;) {
      const rows = await em.getRepository(Integration).find({
        select: { id: true, tenantId: true, name: true, secrets: true },
        where: { secrets: Not(IsNull()), id: MoreThan(after) },
        order: { id: 'ASC' },
        take: BATCH,
      });
      for (const row of rows) {
        const secrets = row.secrets!;
        report.total += 1;
        let plain: unknown;
        try {
          const keyId = box.keyIdOf(secrets);
          report.keyIds[keyId] = (report.keyIds[keyId] ?? 0) + 1;
          if (!box.needsRotation(secrets)) continue;
          plain = box.decrypt(secrets);
        } catch (err) {
          failures.push({ integration: `${row.name} (id ${row.id}, tenant ${row.tenantId})`, error: HubError.from(err) });
          continue;
        }
        // Compare-and-set: a row rewritten meanwhile (by the API, under the current key) is left alone.
        const { affected } = await em.update(Integration, { id: row.id, secrets }, { secrets: box.encrypt(plain) });
        report.reencrypted += affected ?? 0;
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    if (failures.length > 0) throw rotationFailed(failures);
    return report;
  });
}

function rotationFailed(failures: Array<{ integration: string; error: HubError }>): HubError {
  const [first] = failures;
  const list = failures.map((f) => `${f.integration}: ${f.error.code}: ${f.error.message}`).join('; ');
  // The first failure's code, so scripts can tell "a key is missing" from "a value is corrupt".
  return new HubError(first.error.code, `cannot decrypt the secrets of ${failures.length} integration(s), nothing was changed: ${list}`, {
    fault: first.error.fault,
    data: { failures: failures.map((f) => ({ integration: f.integration, code: f.error.code, ...f.error.data })) },
  });
}
