import type { AnyApiRoute } from '../api-route';
import type { TokenSigner } from '../auth/tokens';
import { auditRoutes } from './audit.routes';
import { connectorRoutes } from './connectors.routes';
import { credentialRoutes } from './credentials.routes';
import { eventRoutes } from './events.routes';
import { flowRoutes } from './flows.routes';
import { flowWriteRoutes } from './flow-writes.routes';
import { integrationRoutes } from './integrations.routes';
import { integrationWriteRoutes } from './integration-writes.routes';
import { oauthRoutes } from './oauth.routes';
import { recordRoutes } from './records.routes';
import { runRoutes } from './runs.routes';
import { tenantRoutes } from './tenants.routes';
import { webhookDeliveryRoutes } from './webhook-deliveries.routes';
import { webhookSubscriptionRoutes } from './webhook-subscriptions.routes';

/** Every REST route of /api/v1: the gateway, the `api` service and the OpenAPI document all read this list. */
export function apiRoutes(signer: TokenSigner): AnyApiRoute[] {
  return [...oauthRoutes(signer), ...credentialRoutes, ...tenantRoutes, ...connectorRoutes, ...integrationRoutes, ...integrationWriteRoutes, ...flowRoutes, ...flowWriteRoutes, ...runRoutes, ...recordRoutes, ...eventRoutes, ...webhookSubscriptionRoutes, ...webhookDeliveryRoutes, ...auditRoutes] as AnyApiRoute[];
}
