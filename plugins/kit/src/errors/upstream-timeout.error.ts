import { UpstreamError, UpstreamErrorData } from './upstream.error';

/** The external system did not answer in time. Retryable. */
export class UpstreamTimeoutError extends UpstreamError {
  constructor(message: string, data: UpstreamErrorData = {}) {
    super(message, data, { retryable: true }, 'IHUB_UPSTREAM_TIMEOUT');
  }
}
