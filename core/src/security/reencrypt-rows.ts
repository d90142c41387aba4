import { DataSource, EntityTarget, FindOptionsSelect, FindOptionsWhere, MoreThan } from 'typeorm';
import { HubError } from '@ihub/plugin-kit';

/** What a rotation did to one kind of row. */
export interface SecretRotationReport {
  /** Rows holding encrypted secrets. */
  total: number;
  /** Of those, how many were rewritten under the current key. */
  reencrypted: number;
  currentKeyId: string;
  /** Ciphertexts per key id found before the rotation. */
  keyIds: Record<string, number>;
}

export interface NamedRow {
  id: string;
  tenantId: string;
  name: string;
}

/** How to rotate the secrets of one kind of row. */
export interface ReencryptPlan<T extends NamedRow> {
  entity: EntityTarget<T>;
  /** What the rows are, for the error: `integration`, `webhook subscription`. */
  kind: string;
  /** The secret columns to read (id, tenant and name are always read). */
  select: FindOptionsSelect<T>;
  /** The rows that hold a secret. */
  holding: FindOptionsWhere<T>;
  /** The ciphertexts a row holds; each is counted under its key id. */
  ciphertexts(row: T): string[];
  /** The columns to write, or null when the row is current. May throw when a ciphertext cannot be decrypted. */
  rewrite(row: T): Partial<T> | null;
  /** The row as read: the write is a compare-and-set on it, so a row rewritten meanwhile is left alone. */
  asRead(row: T): FindOptionsWhere<T>;
}

/** Rows read per query: a flat memory profile costs nothing here. */
const BATCH = 500;

/**
 * Rewrites every row of a plan whose secrets are not under the current key, in one transaction.
 * If any row cannot be decrypted, nothing is changed and the error lists every such row, so one
 * run shows all the keys that are missing.
 */
export async function reencryptRows<T extends NamedRow>(store: DataSource, currentKeyId: string, keyIdOf: (ciphertext: string) => string, plan: ReencryptPlan<T>): Promise<SecretRotationReport> {
  return store.transaction(async (em) => {
    const report: SecretRotationReport = { total: 0, reencrypted: 0, currentKeyId, keyIds: {} };
    const failures: Array<{ row: string; error: HubError }> = [];
    const repo = em.getRepository(plan.entity);
    let after = '';
    for (;;) {
      const rows = await repo.find({
        select: { id: true, tenantId: true, name: true, ...plan.select } as FindOptionsSelect<T>,
        where: { ...plan.holding, id: MoreThan(after) } as FindOptionsWhere<T>,
        order: { id: 'ASC' } as never,
        take: BATCH,
      });
      for (const row of rows) {
        report.total += 1;
        let next: Partial<T> | null;
        try {
          for (const text of plan.ciphertexts(row)) {
            const keyId = keyIdOf(text);
            report.keyIds[keyId] = (report.keyIds[keyId] ?? 0) + 1;
          }
          next = plan.rewrite(row);
        } catch (err) {
          failures.push({ row: `${row.name} (id ${row.id}, tenant ${row.tenantId})`, error: HubError.from(err) });
          continue;
        }
        if (!next) continue;
        const { affected } = await repo.update(plan.asRead(row), next as never);
        report.reencrypted += affected ?? 0;
      }
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
    if (failures.length > 0) throw rotationFailed(plan.kind, failures);
    return report;
  });
}

function rotationFailed(kind: string, failures: Array<{ row: string; error: HubError }>): HubError {
  const [first] = failures;
  const list = failures.map((f) => `${f.row}: ${f.error.code}: ${f.error.message}`).join('; ');
  // The first failure's code, so scripts can tell "a key is missing" from "a value is corrupt".
  return new HubError(first.error.code, `cannot decrypt the secrets of ${failures.length} ${kind}(s), nothing was changed: ${list}`, {
    fault: first.error.fault,
    data: { failures: failures.map((f) => ({ [kind]: f.row, code: f.error.code, ...f.error.data })) },
  });
}
