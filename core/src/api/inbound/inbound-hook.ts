import type { IncomingMessage } from 'node:http';
import { HubError, NotFoundError, type InboundAction } from '@ihub/plugin-kit';
import type { Logger } from '@ihub/plugin-kit';
import { appendAudit } from '../../audit';
import type { HubRuntime } from '../../runtime/hub-runtime';
import { Integration } from '../../store/entities';
import { readRawBody } from './raw-body';

export interface InboundAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `POST /hooks/{integrationId}`: hands the raw request to the integration's connector, which
 * verifies it and says what it means. "Sync entity X" starts the incremental runs of every active
 * flow reading X, in the background; "these records changed" runs them with the records before
 * answering, so the sender retries if the hub could not take them. Refused requests are audited.
 */
export async function handleInboundHook(runtime: HubRuntime, logger: Logger, req: IncomingMessage, integrationId: string, bodyLimit: number): Promise<InboundAnswer> {
  const row = UUID.test(integrationId) ? await runtime.store.getRepository(Integration).findOneBy({ id: integrationId }) : null;
  const instance = row ? runtime.integration(row.tenantId, row.name) : undefined;
  if (!row || !instance || !instance.acceptsInbound) throw new NotFoundError('webhook endpoint', integrationId);
  const rawBody = await readRawBody(req, bodyLimit);
  const url = new URL(req.url ?? '/', 'http://hub');
  const action: InboundAction = await instance.inbound({ headers: req.headers, query: Object.fromEntries(url.searchParams), rawBody });
  const audit = (outcome: 'success' | 'denied' | 'failure', details: Record<string, unknown>) =>
    appendAudit(runtime.store, {
      tenantId: row.tenantId, actor: `inbound:${row.name}`, action: outcome === 'denied' ? 'inbound.rejected' : 'inbound.accepted', target: `/hooks/${row.id}`,
      outcome, requestId: null, ip: req.socket?.remoteAddress ?? null, details: { integration: row.name, ...details },
    });
  if (action.kind === 'respond') {
    if (action.status === 401 || action.status === 403) await audit('denied', { status: action.status });
    return { status: action.status, body: action.body, headers: action.headers };
  }
  const tenantId = row.tenantId;
  if (action.kind === 'sync') {
    await audit('success', { entity: action.entity, kind: 'sync' });
    void runtime.engine.runSourceStreams(tenantId, row.name, action.entity, { trigger: 'webhook' }).catch((err: Error) => logger.warn(`webhook-started run of ${row.name}.${action.entity} failed: ${err.message}`));
    return action.respond ?? { status: 202, body: { accepted: true, entity: action.entity } };
  }
  try {
    const results = await runtime.engine.runSourceStreams(tenantId, row.name, action.entity, { trigger: 'webhook', records: action.records });
    await audit('success', { entity: action.entity, kind: 'records', records: action.records.length });
    return action.respond ?? { status: 200, body: { accepted: action.records.length, runs: results.map((r) => ({ runId: r.runId, flow: r.flow, status: r.status })) } };
  } catch (err) {
    // A run of the same stream holds its lease: ask the sender to come back (they all retry).
    if (err instanceof HubError && err.code === 'IHUB_SYNC_ALREADY_RUNNING') return { status: 503, body: { error: { code: err.code, message: err.message, details: [] } }, headers: { 'Retry-After': '5' } };
    throw err;
  }
}
