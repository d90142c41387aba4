import { createHash, randomBytes, hkdfSync } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import type { Logger } from '@ihub/plugin-kit';
import type { Scope } from '../../store/entities';
import { unauthenticated } from '../api-errors';
import type { ApiCaller } from '../api-route';

const ISSUER = 'ihub';
const AUDIENCE = 'ihub-api';
export const TOKEN_TTL_SECONDS = 900;

/**
 * Signs and verifies the API's access tokens (HS256 JWTs). Every node of a cluster must share the
 * key: `IHUB_JWT_SECRET`, else one derived from `IHUB_SECRET_KEY`; without either a node signs
 * with a random key of its own, which is fine for a single process and logged as such.
 */
export class TokenSigner {
  private constructor(private readonly key: Uint8Array) {}

  static fromEnv(env: NodeJS.ProcessEnv, logger: Logger): TokenSigner {
    if (env.IHUB_JWT_SECRET) return new TokenSigner(createHash('sha256').update(env.IHUB_JWT_SECRET).digest());
    if (env.IHUB_SECRET_KEY) return new TokenSigner(new Uint8Array(hkdfSync('sha256', env.IHUB_SECRET_KEY, 'ihub', 'jwt-signing', 32)));
    logger.warn('neither IHUB_JWT_SECRET nor IHUB_SECRET_KEY is set: access tokens are signed with a per-process key and only valid on this node');
    return new TokenSigner(randomBytes(32));
  }

  async issue(caller: { tenantId: string; scopes: Scope[]; clientId: string }, ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
    return new SignJWT({ tid: caller.tenantId, scope: caller.scopes.join(' ') })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(caller.clientId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<ApiCaller> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      return { tenantId: String(payload.tid), scopes: String(payload.scope ?? '').split(' ').filter(Boolean) as Scope[], actor: `client:${payload.sub}` };
    } catch (err) {
      throw unauthenticated(err instanceof errors.JWTExpired ? 'access token expired' : 'invalid access token');
    }
  }
}
