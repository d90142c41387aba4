import { HubError } from './hub.error';

/** A record, integration, flow or other resource does not exist (or is not visible to the caller). */
export class NotFoundError extends HubError {
  constructor(what: string, id: string) {
    super('IHUB_NOT_FOUND', `${what} '${id}' not found`, { data: { what, id }, fault: 'user' });
  }
}
