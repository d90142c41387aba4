import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiKey, Scope } from '../../store/entities';
import { unauthenticated } from '../api-errors';
import type { ApiCaller } from '../api-route';
import { hashSecret, randomSecret } from './hash-secret';

export const API_KEY_PREFIX = 'ihk';
/** `last_used_at` is refreshed at most this often, so authenticating is not a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewApiKey {
  tenantId: string;
  name: string;
  scopes: Scope[];
  expiresAt?: Date | null;
  createdBy: string;
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(store: DataSource, input: NewApiKey): Promise<{ key: string; record: ApiKey }> {
  const key = randomSecret(API_KEY_PREFIX);
  const record: ApiKey = Object.assign(new ApiKey(), {
    id: randomUUID(), tenantId: input.tenantId, name: input.name, prefix: key.slice(0, 12), hash: hashSecret(key), scopes: input.scopes,
    expiresAt: input.expiresAt ?? null, revokedAt: null, lastUsedAt: null, createdBy: input.createdBy, createdAt: new Date(),
  });
  await store.getRepository(ApiKey).insert(record);
  return { key, record };
}

async function lookupApiKey(store: DataSource, hash: string, now: Date): Promise<{ caller: ApiCaller; record: ApiKey }> {
  const record = await store.getRepository(ApiKey).findOneBy({ hash });
  if (!record) throw unauthenticated('invalid API key');
  if (record.revokedAt) throw unauthenticated('API key revoked');
  if (record.expiresAt && record.expiresAt <= now) throw unauthenticated('API key expired');
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await store.getRepository(ApiKey).update({ id: record.id }, { lastUsedAt: now });
  }
  return { caller: { tenantId: record.tenantId, scopes: record.scopes, actor: `key:${record.id}` }, record };
}

/**
 * Remembers authenticated keys for `ttlMs`, so a busy client costs no key lookup per request.
 * A revocation reaches every node at once through `forget` (the API broadcasts it) and otherwise
 * within the TTL; an expiry is checked on every request.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { caller: ApiCaller; keyId: string; expiresAt: Date | null; cachedAt: number }>();

  constructor(private readonly store: DataSource, private readonly ttlMs = 10_000) {}

  async authenticate(key: string, now = new Date()): Promise<ApiCaller> {
    const hash = hashSecret(key);
    const hit = this.entries.get(hash);
    if (hit && now.getTime() - hit.cachedAt < this.ttlMs) {
      if (hit.expiresAt && hit.expiresAt <= now) throw unauthenticated('API key expired');
      return hit.caller;
    }
    const { caller, record } = await lookupApiKey(this.store, hash, now);
    if (this.entries.size > 10_000) this.entries.clear();
    this.entries.set(hash, { caller, keyId: record.id, expiresAt: record.expiresAt, cachedAt: now.getTime() });
    return caller;
  }

  forget(keyId: string): void {
    for (const [hash, entry] of this.entries) if (entry.keyId === keyId) this.entries.delete(hash);
  }
}
