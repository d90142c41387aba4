/** OAuth 2.0 client credentials: fetches an access token, caches it, and fetches a new one before it expires. */

/** Renew this long before expiry (or at a tenth of the lifetime, if shorter), so a token never expires in flight. */
const REFRESH_MARGIN_MS = 30_000;

export type PostTokenForm = (form: Record<string, string>, headers: Record<string, string>) => Promise<unknown>;

export class ClientCredentials {
  private token: string | undefined;
  private expiresAt = 0;
  /** One fetch at a time: concurrent calls wait for the same token. */
  private pending: Promise<string> | undefined;

  constructor(private readonly clientId: string, private readonly clientSecret: string, private readonly scopes: string[], private readonly post: PostTokenForm) {}

  async get(): Promise<string> {
    if (this.token !== undefined && Date.now() < this.expiresAt) return this.token;
    this.pending ??= this.fetch().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the token, e.g. after the API refused it, so the next call fetches a new one. */
  invalidate(): void {
    this.token = undefined;
  }

  private async fetch(): Promise<string> {
    const form: Record<string, string> = { grant_type: 'client_credentials' };
    if (this.scopes.length > 0) form.scope = this.scopes.join(' ');
    // RFC 6749 2.3.1: the id and secret are form-encoded, then sent as HTTP Basic credentials.
    const pair = `${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`;
    const answer = (await this.post(form, { Authorization: `Basic ${Buffer.from(pair, 'utf8').toString('base64')}` })) as { access_token?: unknown; expires_in?: unknown } | null;
    if (typeof answer?.access_token !== 'string') throw new Error('the token endpoint answered without an access_token');
    const lifetimeMs = (typeof answer.expires_in === 'number' ? answer.expires_in : 3600) * 1000;
    this.token = answer.access_token;
    this.expiresAt = Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 10);
    return this.token;
  }
}
