import { z } from 'zod';
import { UpstreamAuthError, UpstreamError } from '../../errors';
import { createHttpTransport } from '../http-transport';
import { safeUrl } from '../redact';
import type { AuthHook, HttpTransportOptions } from '../http.types';
import { TokenCache, type GrantedToken } from './token-cache';

/** What every OAuth 2.0 grant needs to reach the token endpoint (RFC 6749). */
export interface OAuth2Options {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  /** Space-separated or as a list. */
  scope?: string | string[];
  /** Further form fields of the token request (`resource`, `audience`…). */
  extraParams?: Record<string, string>;
  /** Client credentials in the form body (`client_secret_post`) or in a Basic header (`client_secret_basic`). */
  sendAs: 'body' | 'basic';
  /** Renew the token this long before it expires. Default 60 s. */
  refreshMarginMs?: number;
  /** Current time in ms; injectable for tests. */
  now?: () => number;
  /** How the token request itself is sent (timeouts, retries, logger); defaults as for any transport. */
  http?: Pick<HttpTransportOptions, 'name' | 'timeoutMs' | 'retry' | 'logger' | 'sleep' | 'random'>;
}

const DEFAULT_MARGIN_MS = 60_000;

// The raw token endpoint answer (RFC 6749 §5.1); some endpoints send expires_in as a string.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
});

type TokenResponse = z.infer<typeof tokenResponse>;

// RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+');

function oauth2Hook(
  options: OAuth2Options,
  grant: () => Record<string, string>,
  grantSecrets: () => string[],
  onGranted: (answer: TokenResponse) => void | Promise<void>,
): AuthHook {
  const name = options.http?.name ?? 'oauth2';
  const basic = `Basic ${Buffer.from(`${formEncode(options.clientId)}:${formEncode(options.clientSecret ?? '')}`).toString('base64')}`;
  const secrets = (): string[] => [...grantSecrets(), options.clientSecret ?? '', basic.slice('Basic '.length)];
  const transport = createHttpTransport({
    ...options.http,
    name,
    // The client authenticates to the token endpoint; this hook also names the secrets to scrub from its errors.
    auth: {
      apply(request) {
        if (options.sendAs === 'basic') request.headers.Authorization = basic;
      },
      secrets,
    },
    // RFC 6749 §5.2: a token endpoint answers 400 or 401 to bad credentials, grants and scopes alike.
    translateError: (r) =>
      r.status === 400 || r.status === 401
        ? new UpstreamAuthError(`${name}: the token endpoint ${r.request} refused the credentials (${r.status})`, { request: r.request, status: r.status, body: r.bodyExcerpt })
        : undefined,
  });

  async function fetchToken(): Promise<GrantedToken> {
    const form = new URLSearchParams({ ...grant(), ...options.extraParams });
    const scope = Array.isArray(options.scope) ? options.scope.join(' ') : options.scope;
    if (scope) form.set('scope', scope);
    if (options.sendAs === 'body') {
      form.set('client_id', options.clientId);
      if (options.clientSecret !== undefined) form.set('client_secret', options.clientSecret);
    }
    const response = await transport.post(options.tokenUrl, form, { headers: { Accept: 'application/json' } });
    const parsed = tokenResponse.safeParse(response.data);
    if (!parsed.success) {
      // The answer is left out on purpose: it may hold a token under a name we did not expect.
      throw new UpstreamError(`${name}: the token endpoint answered ${response.status} without a usable access_token`, {
        request: `POST ${safeUrl(response.url)}`,
        status: response.status,
      });
    }
    await onGranted(parsed.data);
    return { accessToken: parsed.data.access_token, expiresInMs: parsed.data.expires_in === undefined ? undefined : parsed.data.expires_in * 1000 };
  }

  const cache = new TokenCache(fetchToken, options.now ?? Date.now, options.refreshMarginMs ?? DEFAULT_MARGIN_MS);
  return {
    async apply(request) {
      request.headers.Authorization = `Bearer ${await cache.get()}`;
    },
    async onUnauthorized(request) {
      await cache.renew(request.headers.Authorization?.replace(/^Bearer /, ''));
      return true;
    },
    secrets: () => [...secrets(), cache.current() ?? ''],
  };
}

/** OAuth 2.0 client credentials grant: the connector acts as itself. */
export function oauth2ClientCredentials(options: OAuth2Options & { clientSecret: string }): AuthHook {
  return oauth2Hook(options, () => ({ grant_type: 'client_credentials' }), () => [], () => {});
}

/** OAuth 2.0 resource owner password grant, for upstreams (ServiceNow, Salesforce) that still offer it to integrations. */
export function oauth2Password(options: OAuth2Options & { username: string; password: string }): AuthHook {
  return oauth2Hook(options, () => ({ grant_type: 'password', username: options.username, password: options.password }), () => [options.password], () => {});
}

/**
 * OAuth 2.0 refresh token grant. When the endpoint rotates the refresh token, the new one is used
 * from then on and handed to `onRefreshToken` so the integration can store it.
 */
export function oauth2RefreshToken(options: OAuth2Options & { refreshToken: string; onRefreshToken?: (refreshToken: string) => void | Promise<void> }): AuthHook {
  let refreshToken = options.refreshToken;
  return oauth2Hook(
    options,
    () => ({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    () => [refreshToken],
    async (answer) => {
      if (answer.refresh_token === undefined || answer.refresh_token === refreshToken) return;
      refreshToken = answer.refresh_token;
      return options.onRefreshToken?.(refreshToken);
    },
  );
}
