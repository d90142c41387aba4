import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { ConnectorContext, InboundRequest } from '@ihub/plugin-kit';
import { configSchema, type ServiceNowConfig } from '../../src/config';
import { inboundHandler } from '../../src/inbound/inbound.handler';
import type { ServiceNowClient } from '../../src/servicenow.transport';
import { RecordingLogger } from '../support/servicenow-context';

const SECRET = 'shared-secret-of-the-business-rule';
const TOKEN = 'static-token-0123456789';
const SYS_ID = '46d44a5dc0a8010e0094ab6d2f4c7f33';

const UNAUTHENTICATED = { kind: 'respond', status: 401, body: { error: { code: 'IHUB_INBOUND_UNAUTHENTICATED', message: 'missing or invalid signature or token', details: [] } } };

const incident = { sys_id: SYS_ID, number: 'INC0010001', short_description: 'Printer on fire', sys_updated_on: '2024-03-01 10:00:00', sys_mod_count: '2' };

function context(settings: Record<string, unknown> = {}): ConnectorContext<ServiceNowConfig, ServiceNowClient> {
  const config = configSchema.parse({
    endpoint: 'https://acme.service-now.com',
    auth: { method: 'basic', username: 'u', password: 'p' },
    inbound: { secret: SECRET, token: TOKEN },
    ...settings,
  });
  // The handler never calls the instance: it only reads the notification.
  return { config, client: {} as ServiceNowClient, logger: new RecordingLogger(), integration: { id: 'int-1', name: 'snow', tenantId: 't' }, signal: new AbortController().signal };
}

function request(body: unknown, headers: Record<string, string> = {}): InboundRequest {
  return { headers, query: {}, rawBody: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) };
}

function signed(body: unknown, encoding: 'hex' | 'base64' = 'hex', secret = SECRET): InboundRequest {
  const raw = JSON.stringify(body);
  return request(raw, { 'x-servicenow-signature': createHmac('sha256', secret).update(raw).digest(encoding) });
}

describe('servicenow inbound handler', () => {
  it('accepts a change signed with the shared secret (hex) and hands the hub the record it carries', async () => {
    const action = await inboundHandler.handle(context(), signed({ table: 'incident', sys_id: SYS_ID, operation: 'update', record: incident }));

    assert.deepEqual(action, {
      kind: 'records',
      entity: 'incident',
      records: [{ id: SYS_ID, data: incident, updatedAt: '2024-03-01T10:00:00.000Z' }],
    });
  });

  it('accepts a base64 signature, as GlideCertificateEncryption.generateMac gives, and a sha256= prefix', async () => {
    const body = { table: 'incident', sys_id: SYS_ID, operation: 'update' };
    const raw = JSON.stringify(body);
    const prefixed = request(raw, { 'x-servicenow-signature': `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}` });

    assert.equal((await inboundHandler.handle(context(), signed(body, 'base64'))).kind, 'sync');
    assert.equal((await inboundHandler.handle(context(), prefixed)).kind, 'sync');
  });

  it('answers 401 to a wrong signature, a body changed after signing, and a missing one', async () => {
    const body = { table: 'incident', sys_id: SYS_ID, operation: 'update', record: incident };
    const tampered = signed(body);
    tampered.rawBody = Buffer.from(JSON.stringify({ ...body, record: { ...incident, short_description: 'changed' } }));

    for (const req of [signed(body, 'hex', 'another-secret-entirely'), tampered, request(body), request(body, { 'x-servicenow-signature': 'not-a-signature' })]) {
      assert.deepEqual(await inboundHandler.handle(context(), req), UNAUTHENTICATED);
    }
  });

  it('accepts the static token header, and refuses another token', async () => {
    const body = { table: 'incident', sys_id: SYS_ID };

    assert.equal((await inboundHandler.handle(context(), request(body, { 'x-ihub-token': TOKEN }))).kind, 'sync');
    assert.equal((await inboundHandler.handle(context(), request(body, { 'x-ihub-token': `${TOKEN}x` }))).kind, 'respond');
  });

  it('refuses everything when the integration has no inbound settings', async () => {
    const action = await inboundHandler.handle(context({ inbound: undefined }), signed({ table: 'incident', sys_id: SYS_ID }));

    assert.deepEqual(action, UNAUTHENTICATED);
  });

  it('turns a deletion into a tombstone', async () => {
    const action = await inboundHandler.handle(context(), signed({ table: 'incident', sys_id: SYS_ID, operation: 'delete' }));

    assert.deepEqual(action, { kind: 'records', entity: 'incident', records: [{ id: SYS_ID, data: {}, deleted: true }] });
  });

  it('starts a sync when the record would not look as a listed one: display values, or none carried', async () => {
    const displayed = context({ entities: { incident: { displayValue: 'true' } } });

    assert.deepEqual(await inboundHandler.handle(displayed, signed({ table: 'incident', sys_id: SYS_ID, record: incident })), { kind: 'sync', entity: 'incident' });
    assert.deepEqual(await inboundHandler.handle(context(), signed({ table: 'incident', sys_id: SYS_ID })), { kind: 'sync', entity: 'incident' });
  });

  it('keeps only the configured fields of the record, as a listed record has', async () => {
    const action = await inboundHandler.handle(context({ entities: { incident: { fields: ['number'] } } }), signed({ table: 'incident', sys_id: SYS_ID, record: incident }));

    assert.equal(action.kind, 'records');
    assert.deepEqual(action.kind === 'records' && Object.keys(action.records[0].data).sort(), ['number', 'sys_id', 'sys_mod_count', 'sys_updated_on']);
  });

  it('maps a custom table to the table entity, and answers 422 for a table the integration does not sync', async () => {
    const custom = context({ entities: { table: { table: 'u_asset_request' } } });

    assert.equal((await inboundHandler.handle(custom, signed({ table: 'u_asset_request', sys_id: SYS_ID }))).kind, 'sync');
    assert.deepEqual(await inboundHandler.handle(context(), signed({ table: 'u_asset_request', sys_id: SYS_ID })), {
      kind: 'respond',
      status: 422,
      body: { error: { code: 'IHUB_INBOUND_UNKNOWN_TABLE', message: 'this integration does not sync table u_asset_request', details: [] } },
    });
  });

  it('answers 400 to a signed body that is not a change notification', async () => {
    const notJson = request('{"table":', { 'x-ihub-token': TOKEN });
    const noTable = signed({ sys_id: SYS_ID });

    assert.deepEqual(await inboundHandler.handle(context(), notJson), { kind: 'respond', status: 400, body: { error: { code: 'IHUB_INBOUND_INVALID', message: 'the body is not JSON', details: [] } } });
    const action = await inboundHandler.handle(context(), noTable);
    assert.equal(action.kind === 'respond' && action.status, 400);
  });
});
