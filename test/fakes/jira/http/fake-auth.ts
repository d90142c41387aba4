import type { ResolvedOptions } from '../jira-fake.options';
import { jiraError, type FakeAnswer } from './fake-http';

export type AuthOutcome = { ok: true; scheme: 'basic' | 'bearer' } | { ok: false; answer: FakeAnswer };

const UNAUTHENTICATED = 'Client must be authenticated to access this resource.';

/**
 * Checks the `Authorization` header the way Jira Cloud does: basic auth with the account's email
 * and an API token on the site, and OAuth 2.0 bearer tokens only through the API gateway
 * (`/ex/jira/{cloudId}/...`). The fake has no anonymous access: every call must authenticate.
 */
export function authenticate(header: string | undefined, viaGateway: boolean, options: ResolvedOptions, accessTokenExpired: boolean): AuthOutcome {
  const [scheme, credentials = ''] = (header ?? '').split(' ', 2);
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    const email = decoded.slice(0, separator);
    const token = decoded.slice(separator + 1);
    if (separator > 0 && email === options.basic.email && token === options.basic.apiToken) return { ok: true, scheme: 'basic' };
  }
  if (scheme?.toLowerCase() === 'bearer' && viaGateway) {
    // The gateway answers a bad or expired token in its own shape, not Jira's.
    if (credentials !== options.oauth.accessToken || accessTokenExpired) return { ok: false, answer: { status: 401, body: { code: 401, message: 'Unauthorized' } } };
    return { ok: true, scheme: 'bearer' };
  }
  return { ok: false, answer: jiraError(401, [UNAUTHENTICATED]) };
}
