import { UpstreamError, UpstreamErrorData } from './upstream.error';

/** The external system rejected our credentials (401/403). Not retryable until the config is fixed. */
export class UpstreamAuthError extends UpstreamError {
  constructor(message: string, data: UpstreamErrorData = {}) {
    super(message, data, { retryable: false }, 'IHUB_UPSTREAM_AUTH');
  }
}
