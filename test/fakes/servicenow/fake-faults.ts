import type { FakeClock } from './fake-clock';
import type { FakeCredentials } from './fake-credentials';
import { vendorError, type WireResponse } from './wire';

export interface ThrottleOptions {
  /** How many Table API calls in a row are turned away. Default 1. */
  times?: number;
  /** `Retry-After`, in seconds. Default 1. */
  retryAfterSeconds?: number;
  /** `X-RateLimit-Limit`: requests the rule allows per hour. Default 1000. */
  limit?: number;
}

/** How the next page of a list call is broken. */
export type BrokenPage =
  /** The body is cut off in the middle of the JSON, as when a connection drops or a transaction is cancelled. */
  | { kind: 'truncated-json' }
  /** One record of the page comes without its `sys_id` (index in the page, default 0). */
  | { kind: 'missing-sys-id'; index?: number };

/**
 * Failures on demand, each for the next N Table API calls (the token endpoint is never affected):
 * throttling, a burst of 5xx, slow answers, broken pages, expired tokens.
 */
export class FakeFaults {
  private throttled: Array<Required<ThrottleOptions>> = [];
  private errors: number[] = [];
  private delays: number[] = [];
  private pages: BrokenPage[] = [];

  constructor(private readonly credentials: FakeCredentials, private readonly clock: FakeClock) {}

  /** The next `times` calls answer 429 with `Retry-After` and the instance's `X-RateLimit-*` headers. */
  throttle(options: ThrottleOptions = {}): void {
    const fault = { times: 1, retryAfterSeconds: 1, limit: 1000, ...options };
    for (let i = 0; i < fault.times; i++) this.throttled.push(fault);
  }

  /** The next `times` calls answer `status` (503 by default: a node restarting, the instance under upgrade). */
  serverErrors(times: number, status = 503): void {
    for (let i = 0; i < times; i++) this.errors.push(status);
  }

  /** The next `times` calls are answered only after `delayMs`. */
  slow(delayMs: number, times = 1): void {
    for (let i = 0; i < times; i++) this.delays.push(delayMs);
  }

  /** The next list call's page is broken as `page` says. */
  breakNextPage(page: BrokenPage): void {
    this.pages.push(page);
  }

  /** Every access token issued so far expires now. */
  expireTokens(): void {
    this.credentials.expireAccessTokens();
  }

  /** Drops every pending fault. */
  clear(): void {
    this.throttled = [];
    this.errors = [];
    this.delays = [];
    this.pages = [];
  }

  /** For the server: how long to hold the current call. */
  takeDelay(): number {
    return this.delays.shift() ?? 0;
  }

  /** For the server: the failure to answer the current call with, if one is due. Throttling comes first, as the rate limiter runs before the API. */
  takeFailure(): WireResponse | undefined {
    const throttle = this.throttled.shift();
    if (throttle) {
      const reset = Math.ceil(this.clock.now().getTime() / 1000) + throttle.retryAfterSeconds;
      return vendorError(429, 'Too Many Requests', `Rate limit of ${throttle.limit} requests per hour exceeded`, {
        'Retry-After': String(throttle.retryAfterSeconds),
        'X-RateLimit-Limit': String(throttle.limit),
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': String(reset),
        'X-RateLimit-Rule': 'c1c4d3d0db1a2010a4e1c3a3ca9619e7',
      });
    }
    const status = this.errors.shift();
    if (status === undefined) return undefined;
    return status === 503 ? vendorError(503, 'Service Unavailable', 'The instance is temporarily unavailable') : vendorError(status, 'Internal Server Error', 'An error occurred while processing the request');
  }

  /** For the server: how to break the current list page, if at all. */
  takeBrokenPage(): BrokenPage | undefined {
    return this.pages.shift();
  }
}
