import { Tenant } from './tenant.entity';
import { Integration } from './integration.entity';
import { Flow } from './flow.entity';
import { CanonicalRecord } from './record.entity';
import { ExternalMapping } from './external-mapping.entity';
import { SyncLog } from './sync-log.entity';
import { SyncState } from './sync-state.entity';
import { SyncFailure } from './sync-failure.entity';
import { OutboxEvent } from './event.entity';

export { Tenant, Integration, Flow, CanonicalRecord, ExternalMapping, SyncLog, SyncState, SyncFailure, OutboxEvent };
export type { SyncType, SyncStatus, RecordErrorDetail } from './sync-log.entity';

export const entities = [Tenant, Integration, Flow, CanonicalRecord, ExternalMapping, SyncLog, SyncState, SyncFailure, OutboxEvent];
