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

export async function authenticateApiKey(store: DataSource, key: string, now = new Date()): Promise<ApiCaller> {
  const record = await store.getRepository(ApiKey).findOneBy({ hash: hashSecret(key) });
  if (!record) throw unauthenticated('invalid API key');
  if (record.revokedAt) throw unauthenticated('API key revoked');
  if (record.expiresAt && record.expiresAt <= now) throw unauthenticated('API key expired');
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await store.getRepository(ApiKey).update({ id: record.id }, { lastUsedAt: now });
  }
  return { tenantId: record.tenantId, scopes: record.scopes, actor: `key:${record.id}` };
}
