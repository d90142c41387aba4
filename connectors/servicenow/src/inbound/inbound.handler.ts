import type { InboundAction, InboundHandler, InboundRequest, SourceRecord } from '@ihub/plugin-kit';
import type { ServiceNowConfig } from '../config';
import { entitiesOfTable, entitySettings, type EntitySettings } from '../entities/entity-settings';
import { parseRow } from '../entities/record-row';
import type { ServiceNowClient } from '../servicenow.transport';
import { parseNotification, type ChangeNotification } from './change-notification';
import { signatureMatches, tokenMatches } from './signature';

/**
 * Change notifications a Business Rule (or a Flow's REST step) posts to `/hooks/{integrationId}`.
 * The call must carry the HMAC signature of its body or the static token of `inbound` config.
 * A deletion becomes a tombstone; a change carrying the whole record becomes that record, when
 * the entity reads stored values (the form a Business Rule sends); anything else starts a sync.
 */
export const inboundHandler: InboundHandler<ServiceNowConfig, ServiceNowClient> = {
  async handle(ctx, request): Promise<InboundAction> {
    if (!authentic(ctx.config, request)) return refuse(401, 'IHUB_INBOUND_UNAUTHENTICATED', 'missing or invalid signature or token');
    const notification = parseNotification(request.rawBody);
    if (typeof notification === 'string') return refuse(400, 'IHUB_INBOUND_INVALID', notification);
    const [entity] = entitiesOfTable(ctx.config, notification.table);
    if (!entity) return refuse(422, 'IHUB_INBOUND_UNKNOWN_TABLE', `this integration does not sync table ${notification.table}`);
    const record = recordOf(notification, entitySettings(ctx.config, entity));
    // The hub answers for these itself: 202 for a sync it starts, the runs' outcome for records.
    if (!record) return { kind: 'sync', entity };
    return { kind: 'records', entity, records: [record] };
  },
};

/** An answer in the hub's error shape, so the sender's logs read the same as for the hub's own refusals. */
function refuse(status: number, code: string, message: string): InboundAction {
  return { kind: 'respond', status, body: { error: { code, message, details: [] } } };
}

function authentic(config: ServiceNowConfig, request: InboundRequest): boolean {
  const inbound = config.inbound;
  if (!inbound) return false;
  const header = (name: string): string | undefined => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  if (inbound.secret !== undefined && signatureMatches(request.rawBody, header(inbound.signatureHeader), inbound.secret)) return true;
  return inbound.token !== undefined && tokenMatches(header(inbound.tokenHeader), inbound.token);
}

/** The record the notification carries, in the entity's shape; undefined when it carries none the hub could use as read. */
function recordOf(notification: ChangeNotification, settings: EntitySettings): SourceRecord | undefined {
  if (notification.operation === 'delete' && notification.sys_id) return { id: notification.sys_id, data: {}, deleted: true };
  // A Business Rule sends stored values; a record listed with display values or reference links would look different.
  if (!notification.record || settings.displayValue !== 'false' || !settings.excludeReferenceLink) return undefined;
  const fields = settings.fields && new Set([...settings.fields, 'sys_id', 'sys_updated_on', 'sys_mod_count']);
  const data = fields ? Object.fromEntries(Object.entries(notification.record).filter(([name]) => fields.has(name))) : notification.record;
  const row = parseRow({ sys_id: notification.sys_id, ...data }, settings);
  return row.ok ? row.record : undefined;
}
