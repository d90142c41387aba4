import { z } from 'zod';
import { defineRoute } from '../api-route';
import { authenticateClient, oauthError } from '../auth/oauth-clients';
import { SCOPES } from '../auth/scopes';
import type { Scope } from '../../store/entities';
import { TOKEN_TTL_SECONDS, type TokenSigner } from '../auth/tokens';

/** The token route needs the node's signer; the gateway builds it once per node. */
export function oauthRoutes(signer: TokenSigner) {
  return [
    defineRoute({
      operationId: 'issueToken',
      method: 'POST',
      path: '/oauth/token',
      tag: 'OAuth',
      summary: 'Get an access token (OAuth 2.0 client credentials grant)',
      description: 'Send `grant_type=client_credentials` with `client_id` and `client_secret` in the body (form or JSON) or as HTTP Basic credentials. Optional `scope`: space-separated subset of the client\'s scopes.',
      scope: 'public',
      body: z.strictObject({
        grant_type: z.string(),
        client_id: z.string().min(1).max(64),
        client_secret: z.string().min(1).max(200),
        scope: z.string().max(100).optional(),
      }),
      response: z.strictObject({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int(), scope: z.string() }),
      handler: async ({ runtime }, _caller, { body }) => {
        if (body.grant_type !== 'client_credentials') throw oauthError('unsupported_grant_type', `grant_type must be client_credentials, got '${body.grant_type}'`);
        const requested = body.scope ? (body.scope.split(' ').filter(Boolean) as Scope[]) : undefined;
        if (requested?.some((s) => !SCOPES.includes(s))) throw oauthError('invalid_scope', `unknown scope in '${body.scope}'`);
        const { client, scopes } = await authenticateClient(runtime.store, body.client_id, body.client_secret, requested);
        const token = await signer.issue({ tenantId: client.tenantId, scopes, clientId: client.clientId });
        return { access_token: token, token_type: 'Bearer' as const, expires_in: TOKEN_TTL_SECONDS, scope: scopes.join(' ') };
      },
    }),
  ];
}
