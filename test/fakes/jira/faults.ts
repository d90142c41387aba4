import type { FakeAnswer } from './http/fake-http';
import { jiraError } from './http/fake-http';
import type { PageTokens } from './page-tokens';
import type { FakeStore } from './store/fake-store';

/** Which requests a fault applies to: a substring or pattern of the path (`/rest/api/3/...`), and a method. */
export interface FaultScope {
  path?: string | RegExp;
  method?: string;
}

/** What the server should do to one request, decided before the route runs. */
export interface FaultDecision {
  /** An answer to send instead of the route's. */
  answer?: FakeAnswer;
  /** Send the route's answer with only half of its body. */
  truncate?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
}

interface Rule extends FaultScope {
  remaining: number;
  apply(decision: FaultDecision): void;
}

/**
 * Fault injection. Each fault applies to the next `times` requests it matches (in the order the
 * faults were added), after authentication, so credentials are still checked as usual.
 */
export class FaultControls {
  private rules: Rule[] = [];
  private expired = false;

  constructor(
    private readonly store: FakeStore,
    private readonly tokens: PageTokens,
    private readonly now: () => number,
  ) {}

  /**
   * Throttles: answers 429 with `Retry-After` (seconds), `X-RateLimit-Limit`, `X-RateLimit-Remaining: 0`,
   * `X-RateLimit-Reset` (ISO minute) and `RateLimit-Reason`, as Jira Cloud does.
   */
  throttle(times = 1, options: FaultScope & { retryAfterSeconds?: number; reason?: string } = {}): void {
    const retryAfter = options.retryAfterSeconds ?? 1;
    this.add(times, options, (d) => {
      const reset = new Date(this.now() + retryAfter * 1000).toISOString().slice(0, 16) + 'Z';
      d.answer = {
        ...jiraError(429, ['Rate limit exceeded.']),
        headers: { 'retry-after': String(retryAfter), 'x-ratelimit-limit': '350', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'ratelimit-reason': options.reason ?? 'jira-quota-based' },
      };
    });
  }

  /** A burst of server errors (500 by default). */
  serverErrors(times = 1, options: FaultScope & { status?: 500 | 502 | 503 | 504 } = {}): void {
    const status = options.status ?? 500;
    this.add(times, options, (d) => {
      d.answer = jiraError(status, [status === 500 ? 'Internal server error' : 'Service temporarily unavailable']);
    });
  }

  /** Answers 403 with Jira's permission message, as for a user without the project permission. */
  forbid(times = 1, options: FaultScope & { message?: string } = {}): void {
    this.add(times, options, (d) => {
      d.answer = jiraError(403, [options.message ?? 'You do not have permission to perform this operation.']);
    });
  }

  /** Any answer, for what the helpers do not cover. */
  inject(answer: FakeAnswer, times = 1, scope: FaultScope = {}): void {
    this.add(times, scope, (d) => {
      d.answer = answer;
    });
  }

  /** Cuts the body of the next search pages in half: the client receives JSON it cannot parse. */
  truncate(times = 1, scope: FaultScope = { path: '/search/jql' }): void {
    this.add(times, scope, (d) => {
      d.truncate = true;
    });
  }

  /** Delays answers by `delayMs`. */
  slow(delayMs: number, times = 1, scope: FaultScope = {}): void {
    this.add(times, scope, (d) => {
      d.delayMs = delayMs;
    });
  }

  /** From now on the OAuth access token is refused with 401, as when it has expired. */
  expireAccessToken(): void {
    this.expired = true;
  }

  get accessTokenExpired(): boolean {
    return this.expired;
  }

  /** Every `nextPageToken` issued so far is refused with 400, as after they expired. */
  invalidatePageTokens(): void {
    this.tokens.invalidateAll();
  }

  /** Renders the issue broken (unreadable `updated`, no `summary`) in every answer until `repairIssue`. */
  malformIssue(idOrKey: string): void {
    this.issue(idOrKey).malformed = true;
  }

  repairIssue(idOrKey: string): void {
    this.issue(idOrKey).malformed = false;
  }

  /** Removes every pending fault and restores the access token. */
  clear(): void {
    this.rules = [];
    this.expired = false;
  }

  /** The faults that apply to this request; each one matched uses up one of its times. */
  decide(method: string, path: string): FaultDecision {
    const decision: FaultDecision = {};
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || !matches(rule, method, path)) continue;
      rule.remaining -= 1;
      rule.apply(decision);
      if (decision.answer) break;
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return decision;
  }

  private add(times: number, scope: FaultScope, apply: (d: FaultDecision) => void): void {
    this.rules.push({ ...scope, remaining: times, apply });
  }

  private issue(idOrKey: string) {
    const issue = this.store.findIssue(idOrKey);
    if (!issue) throw new Error(`jira fake: no issue '${idOrKey}'`);
    return issue;
  }
}

function matches(scope: FaultScope, method: string, path: string): boolean {
  if (scope.method && scope.method.toUpperCase() !== method) return false;
  if (scope.path === undefined) return true;
  return typeof scope.path === 'string' ? path.includes(scope.path) : scope.path.test(path);
}
