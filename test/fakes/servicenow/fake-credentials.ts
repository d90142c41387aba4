import { randomBytes } from 'node:crypto';
import type { FakeClock } from './fake-clock';

export interface FakeUser {
  userName: string;
  password: string;
}

/** An OAuth application registry entry ("Create an OAuth API endpoint for external clients"). */
export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
}

interface IssuedToken {
  userName: string;
  clientId: string;
  expiresAt: number;
}

/** Who made a Table API call, as the fake saw it. */
export interface Caller {
  scheme: 'basic' | 'bearer' | 'none';
  /** Set when the credentials are valid. */
  userName?: string;
}

/**
 * Users, OAuth clients and the tokens issued to them. Access tokens expire after their lifespan
 * by the fake's clock (ServiceNow's default is 1800 s), or at once with `expireAccessTokens`.
 */
export class FakeCredentials {
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();
  /** Grants answered, by grant type; tests assert on renewals with it. */
  readonly grants: Array<{ grantType: string; ok: boolean }> = [];

  constructor(
    readonly users: FakeUser[],
    readonly clients: FakeOAuthClient[],
    private readonly clock: FakeClock,
    readonly accessTokenLifespanSeconds: number,
    readonly refreshTokenLifespanSeconds: number,
  ) {}

  /** Checks an `Authorization` header: Basic with a known user's password, or Bearer with a live access token. */
  authenticate(header: string | undefined): Caller {
    if (!header) return { scheme: 'none' };
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = this.users.find((u) => u.userName === decoded.slice(0, colon) && u.password === decoded.slice(colon + 1));
      return { scheme: 'basic', userName: colon > 0 ? user?.userName : undefined };
    }
    if (scheme.toLowerCase() === 'bearer') {
      const token = this.accessTokens.get(value);
      return { scheme: 'bearer', userName: token && token.expiresAt > this.now() ? token.userName : undefined };
    }
    return { scheme: 'none' };
  }

  client(clientId: string, clientSecret: string): FakeOAuthClient | undefined {
    return this.clients.find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
  }

  user(userName: string, password: string): FakeUser | undefined {
    return this.users.find((u) => u.userName === userName && u.password === password);
  }

  /**
   * An access token for the user. Like the instance, a password grant made while the user's
   * token is still valid returns that same token, its lifespan renewed.
   */
  issueAccessToken(userName: string, clientId: string, reuse: boolean): string {
    const expiresAt = this.now() + this.accessTokenLifespanSeconds * 1000;
    const live = reuse ? [...this.accessTokens].find(([, t]) => t.userName === userName && t.clientId === clientId && t.expiresAt > this.now()) : undefined;
    const token = live?.[0] ?? randomBytes(32).toString('base64url');
    this.accessTokens.set(token, { userName, clientId, expiresAt });
    return token;
  }

  /** A refresh token for the user, as a password grant returns one; tests use it to configure the refresh-token grant. */
  issueRefreshToken(userName: string, clientId = this.clients[0]?.clientId ?? ''): string {
    const token = randomBytes(32).toString('base64url');
    this.refreshTokens.set(token, { userName, clientId, expiresAt: this.now() + this.refreshTokenLifespanSeconds * 1000 });
    return token;
  }

  /** The user a live refresh token of `clientId` belongs to. */
  refreshTokenUser(token: string, clientId: string): string | undefined {
    const issued = this.refreshTokens.get(token);
    return issued && issued.clientId === clientId && issued.expiresAt > this.now() ? issued.userName : undefined;
  }

  /** Every access token issued so far stops working: the next call with one answers 401. */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }

  /** Every refresh token issued so far stops working: the refresh-token grant answers `invalid_grant`. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
