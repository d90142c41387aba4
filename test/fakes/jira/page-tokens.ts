import { randomBytes } from 'node:crypto';
import type { SortKey } from './jql/jql-evaluator';

interface IssuedToken {
  /** The query the token continues; a token is only good for the query that issued it. */
  jql: string;
  /** Sort key of the last issue of the page: the next page starts after it (search-after, not an offset). */
  after: SortKey;
  expiresAt: number;
}

/**
 * The enhanced search's `nextPageToken`s: opaque to clients, remembered here. Continuing after
 * the last issue's sort key (rather than at an offset) keeps a page stable while issues change.
 */
export class PageTokens {
  private readonly issued = new Map<string, IssuedToken>();

  issue(jql: string, after: SortKey, now: number, ttlMs: number): string {
    const token = randomBytes(24).toString('base64url');
    this.issued.set(token, { jql, after, expiresAt: now + ttlMs });
    return token;
  }

  /** Where the page of `token` starts, or undefined when the token is unknown, expired or from another query. */
  resolve(token: string, jql: string, now: number): SortKey | undefined {
    const found = this.issued.get(token);
    if (!found || found.jql !== jql || now >= found.expiresAt) return undefined;
    return found.after;
  }

  /** Makes every token issued so far invalid, as if they had all expired. */
  invalidateAll(): void {
    this.issued.clear();
  }
}
