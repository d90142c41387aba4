import type { FakeCredentials } from './fake-credentials';
import type { WireResponse } from './wire';

const oauthError = (status: number, error: string, description: string): WireResponse => ({ status, json: { error_description: description, error } });

/**
 * `POST /oauth_token.do`: the password and refresh-token grants, client credentials in the form
 * body, as the instance's OAuth provider takes them. The body must be form-encoded; the instance
 * answers a JSON body with an unspecified error, and so does the fake.
 */
export function handleTokenRequest(credentials: FakeCredentials, contentType: string | undefined, body: Buffer): WireResponse {
  if (!contentType?.startsWith('application/x-www-form-urlencoded')) return oauthError(400, 'server_error', 'unspecified error');
  const form = new URLSearchParams(body.toString('utf8'));
  const grantType = form.get('grant_type') ?? '';
  const client = credentials.client(form.get('client_id') ?? '', form.get('client_secret') ?? '');
  const answer = (ok: boolean, response: WireResponse): WireResponse => {
    credentials.grants.push({ grantType, ok });
    return response;
  };
  if (!client) return answer(false, oauthError(401, 'server_error', 'access_denied'));

  if (grantType === 'password') {
    const user = credentials.user(form.get('username') ?? '', form.get('password') ?? '');
    if (!user) return answer(false, oauthError(401, 'invalid_grant', 'access_denied'));
    const accessToken = credentials.issueAccessToken(user.userName, client.clientId, true);
    return answer(true, granted(credentials, accessToken, credentials.issueRefreshToken(user.userName, client.clientId)));
  }
  if (grantType === 'refresh_token') {
    const refreshToken = form.get('refresh_token') ?? '';
    const userName = credentials.refreshTokenUser(refreshToken, client.clientId);
    if (!userName) return answer(false, oauthError(401, 'invalid_grant', 'access_denied'));
    // The instance hands back the refresh token it was given: it does not rotate them.
    return answer(true, granted(credentials, credentials.issueAccessToken(userName, client.clientId, false), refreshToken));
  }
  return answer(false, oauthError(400, 'unsupported_grant_type', `grant type '${grantType}' is not supported`));
}

// The instance reports one second less than the lifespan (1799 for the default 1800 s).
function granted(credentials: FakeCredentials, accessToken: string, refreshToken: string): WireResponse {
  return {
    status: 200,
    json: { access_token: accessToken, refresh_token: refreshToken, scope: 'useraccount', token_type: 'Bearer', expires_in: Math.max(1, credentials.accessTokenLifespanSeconds - 1) },
  };
}
