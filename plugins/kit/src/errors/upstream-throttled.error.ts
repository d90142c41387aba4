import { UpstreamError, UpstreamErrorData } from './upstream.error';

/** The external system asked us to slow down (429, or 503 with Retry-After). Always retryable. */
export class UpstreamThrottledError extends UpstreamError {
  /** How long the upstream asked us to wait, when it said. */
  readonly retryAfterMs?: number;

  constructor(message: string, data: UpstreamErrorData & { retryAfterMs?: number } = {}) {
    super(message, data, { retryable: true }, 'IHUB_UPSTREAM_THROTTLED');
    this.retryAfterMs = data.retryAfterMs;
  }
}
