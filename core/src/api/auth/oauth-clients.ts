import { randomUUID, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OAuthClient, Scope } from '../../store/entities';
import { HubError } from '@ihub/plugin-kit';
import { hashSecret, randomSecret } from './hash-secret';

/** OAuth 2.0 errors (RFC 6749 §5.2) carry their own codes; the API wraps them in its error shape. */
export const oauthError = (error: 'invalid_client' | 'invalid_request' | 'invalid_scope' | 'unsupported_grant_type', message: string) =>
  new HubError(error === 'invalid_client' ? 'IHUB_UNAUTHENTICATED' : 'IHUB_VALIDATION', message, { fault: 'user', data: { details: [{ in: 'body', field: error === 'invalid_scope' ? 'scope' : '', message: error }] } });

export async function createOAuthClient(store: DataSource, input: { tenantId: string; name: string; scopes: Scope[] }): Promise<{ clientId: string; clientSecret: string; record: OAuthClient }> {
  const clientId = `ihc_${randomBytes(12).toString('hex')}`;
  const clientSecret = randomSecret('ihs');
  const record: OAuthClient = Object.assign(new OAuthClient(), {
    id: randomUUID(), tenantId: input.tenantId, name: input.name, clientId, secretHash: hashSecret(clientSecret), scopes: input.scopes, revokedAt: null, createdAt: new Date(),
  });
  await store.getRepository(OAuthClient).insert(record);
  return { clientId, clientSecret, record };
}

/** Client credentials check; the scopes asked for must be a subset of the client's. */
export async function authenticateClient(store: DataSource, clientId: string, clientSecret: string, requested: Scope[] | undefined): Promise<{ client: OAuthClient; scopes: Scope[] }> {
  const client = await store.getRepository(OAuthClient).findOneBy({ clientId });
  const expected = Buffer.from(client?.secretHash ?? '0'.repeat(64), 'hex');
  const given = Buffer.from(hashSecret(clientSecret), 'hex');
  if (!client || client.revokedAt || !timingSafeEqual(expected, given)) throw oauthError('invalid_client', 'invalid client credentials');
  const scopes = requested ?? client.scopes;
  const excess = scopes.filter((s) => !client.scopes.includes(s));
  if (excess.length > 0) throw oauthError('invalid_scope', `scope not granted to this client: ${excess.join(' ')}`);
  return { client, scopes };
}
