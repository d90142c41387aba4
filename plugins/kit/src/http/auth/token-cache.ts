/** An access token and how long it is valid, as a token endpoint granted it. */
export interface GrantedToken {
  accessToken: string;
  /** Undefined when the endpoint did not say; the token is then used until the upstream answers 401. */
  expiresInMs?: number;
}

/**
 * Holds one access token: fetched on first use, renewed `marginMs` before it expires, and fetched
 * by one request at a time however many calls need it at once.
 */
export class TokenCache {
  private token?: { value: string; renewAt: number };
  private inflight?: Promise<string>;

  constructor(
    private readonly fetchToken: () => Promise<GrantedToken>,
    private readonly now: () => number,
    private readonly marginMs: number,
  ) {}

  /** A token valid for a while yet. */
  async get(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    return this.fetch();
  }

  /**
   * Replaces the token the upstream refused. When another call already replaced it (or is doing
   * so), waits for that one instead of fetching yet another.
   */
  async renew(refused: string | undefined): Promise<string> {
    if (this.inflight) return this.inflight;
    if (this.token && this.token.value !== refused) return this.token.value;
    this.token = undefined;
    return this.fetch();
  }

  current(): string | undefined {
    return this.token?.value;
  }

  private fetch(): Promise<string> {
    this.inflight ??= (async () => {
      const requestedAt = this.now();
      const granted = await this.fetchToken();
      // Half the lifetime at most, so that a token shorter-lived than the margin is still reused.
      const margin = granted.expiresInMs === undefined ? 0 : Math.min(this.marginMs, granted.expiresInMs / 2);
      const renewAt = granted.expiresInMs === undefined ? Infinity : requestedAt + granted.expiresInMs - margin;
      this.token = { value: granted.accessToken, renewAt };
      return granted.accessToken;
    })().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }
}
