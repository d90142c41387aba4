import type { DataSource } from 'typeorm';
import { defineConnector } from '@ihub/plugin-kit';
import { HUB_VERSION } from '../registry/hub-version';
import { hubEventsConfigSchema, type HubEventsConfig } from './hub-events.config';
import { hubStore } from './hub-store';
import { OutboxEvent } from '../store/entities';
import { listEvents } from './entities/event-list.operation';
import { getEvent } from './entities/event-get.operation';
import { listAudit } from './entities/audit-list.operation';
import { getAudit } from './entities/audit-get.operation';

/**
 * The hub's own events and audit log as a flow source (`connector: ihub`): forward sync failures
 * and audit records to a SIEM, a ticket system, a file. Read-only, incremental, tenant-scoped:
 * an integration reads the events and audit rows of its own tenant.
 */
export const hubEventsConnector = defineConnector<HubEventsConfig, DataSource | undefined>({
  id: 'ihub',
  version: HUB_VERSION,
  displayName: 'ihub (this hub)',
  description: "The hub's own events (runs, record changes, webhook notices) and audit log, read incrementally.",
  hub: `^${HUB_VERSION}`,
  config: hubEventsConfigSchema,
  auth: ['none'],
  async check(ctx) {
    await hubStore(ctx).getRepository(OutboxEvent).findOne({ select: { id: true }, where: { tenantId: ctx.integration.tenantId } });
    return { ok: true };
  },
  entities: {
    event: {
      displayName: 'Events',
      description: 'The event outbox: record.created|updated|deleted, sync.started|completed|failed, webhook.*. `source.filter` takes event types, comma-separated, e.g. `sync.failed, sync.completed` or `record.*`.',
      changeTracking: 'cursor',
      list: listEvents,
      get: getEvent,
    },
    audit: {
      displayName: 'Audit log',
      description: 'Audited actions (API writes, CLI credential changes, refused webhooks) in hash-chain order.',
      changeTracking: 'cursor',
      list: listAudit,
      get: getAudit,
    },
  },
});
