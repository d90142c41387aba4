import { basicAuth, oauth2Password, oauth2RefreshToken, type AuthHook, type OAuth2Options } from '@ihub/plugin-kit';
import type { ServiceNowConfig } from './config';
import type { ClientOptions } from './servicenow.transport';

/** The instance's OAuth token endpoint. */
function tokenUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/oauth_token.do`;
}

/**
 * How calls authenticate. OAuth uses the kit's token cache: a token is renewed before it expires
 * (30 minutes by default on an instance), and once more when the instance answers 401 anyway.
 * The instance takes the client credentials in the form body, not in a Basic header.
 */
export function authHook(config: ServiceNowConfig, options: ClientOptions): AuthHook {
  const { auth } = config;
  if (auth.method === 'basic') return basicAuth(auth.username, auth.password);
  const oauth: OAuth2Options = {
    tokenUrl: tokenUrl(config.endpoint),
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    sendAs: 'body',
    now: options.now,
    http: { name: 'servicenow-oauth', timeoutMs: config.timeoutMs, retry: config.retry, logger: options.logger, sleep: options.sleep, random: options.random },
  };
  if (auth.method === 'oauth2-password') return oauth2Password({ ...oauth, clientSecret: auth.clientSecret, username: auth.username, password: auth.password });
  return oauth2RefreshToken({ ...oauth, clientSecret: auth.clientSecret, refreshToken: auth.refreshToken });
}
