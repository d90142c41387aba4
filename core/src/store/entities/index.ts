import { Tenant } from './tenant.entity';
import { Integration } from './integration.entity';
import { Flow } from './flow.entity';
import { CanonicalRecord } from './record.entity';
import { ExternalMapping } from './external-mapping.entity';
import { SyncLog } from './sync-log.entity';
import { SyncState } from './sync-state.entity';
import { SyncFailure } from './sync-failure.entity';
import { OutboxEvent } from './event.entity';
import { ApiKey } from './api-key.entity';
import { OAuthClient } from './oauth-client.entity';
import { AuditLog } from './audit-log.entity';
import { AuditHead } from './audit-head.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookAttempt } from './webhook-attempt.entity';

export { Tenant, Integration, Flow, CanonicalRecord, ExternalMapping, SyncLog, SyncState, SyncFailure, OutboxEvent, ApiKey, OAuthClient, AuditLog, AuditHead, WebhookSubscription, WebhookDelivery, WebhookAttempt };
export type { SubscriptionFilter } from './webhook-subscription.entity';
export type { DeliveryStatus } from './webhook-delivery.entity';
export type { Scope } from './api-key.entity';
export type { SyncType, SyncStatus, RecordErrorDetail } from './sync-log.entity';

export const entities = [Tenant, Integration, Flow, CanonicalRecord, ExternalMapping, SyncLog, SyncState, SyncFailure, OutboxEvent, ApiKey, OAuthClient, AuditLog, AuditHead, WebhookSubscription, WebhookDelivery, WebhookAttempt];
