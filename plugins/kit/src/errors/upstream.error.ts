import { HubError, HubErrorOptions } from './hub.error';

export interface UpstreamErrorData {
  /** HTTP method and URL (without query secrets) or another description of the call. */
  request?: string;
  status?: number;
  /** The first bytes of the upstream's answer, for diagnosis. */
  body?: string;
  [key: string]: unknown;
}

/**
 * The external system answered with an error or could not be reached. Retryable when the
 * failure is transient (5xx, connection reset); not for 4xx the caller must fix.
 */
export class UpstreamError extends HubError {
  readonly status?: number;

  constructor(message: string, data: UpstreamErrorData = {}, options: Omit<HubErrorOptions, 'data' | 'fault'> = {}, code = 'IHUB_UPSTREAM_ERROR') {
    super(code, message, { ...options, data, fault: 'upstream' });
    this.status = data.status;
  }
}
