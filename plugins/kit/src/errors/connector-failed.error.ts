import { HubError } from './hub.error';

/** A connector threw something that is not a HubError: a bug in the plugin. Fails the run, never the hub. */
export class ConnectorFailedError extends HubError {
  constructor(connectorId: string, operation: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('IHUB_CONNECTOR_FAILED', `connector '${connectorId}' failed in ${operation}: ${reason}`, {
      data: { connector: connectorId, operation },
      fault: 'hub',
      cause,
    });
  }
}
