import { HubError } from './hub.error';

/** One record cannot be written or mapped as it is (missing key, bad value). Fails that record only. */
export class RecordInvalidError extends HubError {
  constructor(message: string, data: Record<string, unknown> = {}) {
    super('IHUB_RECORD_INVALID', message, { data, fault: 'user' });
  }
}
