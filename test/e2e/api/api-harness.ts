import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { startHubNode, HubNode } from '../../../core/src/hub-node';
import { createApiKey } from '../../../core/src/api/auth/api-keys';
import { createOAuthClient } from '../../../core/src/api/auth/oauth-clients';
import { ApiKey, Flow, Integration, SyncLog, CanonicalRecord, WebhookDelivery } from '../../../core/src/store/entities';
import type { Scope } from '../../../core/src/store/entities';
import { csvIntegration, REPO_ROOT, TestProject, writeCsv } from '../../support/test-hub';
import { integrationTier } from '../../support/test-store';

export const SECRET_VALUE = `sk-${randomBytes(12).toString('hex')}`;

/** A flow over the harness's integrations, as the API takes it. */
export function apiFlow(name: string): Record<string, unknown> {
  return { name, entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id', v: 'v' }, targets: [{ integration: 'api-made', entity: 'file' }] };
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/**
 * A running hub node (tier database and transporter) with two tenants, data in tenant A, and
 * credentials of every kind, for exercising the REST API over real HTTP.
 */
export class ApiHarness {
  keys: Record<'admin' | 'write' | 'read' | 'expired' | 'revoked' | 'otherTenant', string> = {} as never;
  oauth = { clientId: '', clientSecret: '' };
  ids: Record<'integration' | 'flow' | 'run' | 'record' | 'apiKey' | 'oauthClient' | 'apiIntegration' | 'disposableIntegration' | 'apiFlow' | 'disposableFlow' | 'webhookSubscription' | 'disposableSubscription' | 'webhookDelivery', string> = {} as never;
  /** Authorization headers the fake upstream of the 'api' integration received. */
  upstreamAuth: string[] = [];
  upstreamUrl = '';
  tenantA = '';
  tenantB = '';

  private constructor(readonly project: TestProject, readonly node: HubNode) {}

  /** `rateLimit` sets hub.api.rateLimit; `nodes` starts more nodes on the same database (and NATS in the integration tier). */
  static async start(options: { rateLimit?: Record<string, unknown>; nodes?: number } = {}): Promise<ApiHarness> {
    // The 'api' integration's upstream: refuses every key, so a connection check fails at once (401 is not retried).
    const seen: string[] = [];
    const upstream = http.createServer((req, res) => {
      seen.push(String(req.headers.authorization ?? ''));
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`;
    const project = await TestProject.create({});
    project.write({
      hub: { scheduler: { enabled: false }, api: { port: 0, host: '127.0.0.1', ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) } },
      // Tenant A may send webhooks to consumers the tests run on loopback.
      tenants: [{ code: 'default', name: 'Tenant A', webhooks: { allowPrivateTargets: ['127.0.0.1'] } }, { code: 'other', name: 'Tenant B' }],
      plugins: [path.join(REPO_ROOT, 'plugins/template')],
      integrations: [
        csvIntegration(project, 'src', 'in.csv'),
        csvIntegration(project, 'dst', 'out.csv'),
        { name: 'api', connector: 'template', endpoint: upstreamUrl, settings: { apiKey: '${HARNESS_SECRET}' } },
      ],
      flows: [{ name: 'copy', entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id', v: 'v' }, targets: [{ integration: 'dst', entity: 'file' }] }],
      files: { 'other.yaml': { tenant: 'other', integrations: [csvIntegration(project, 'b-src', 'b.csv')] } },
    });
    writeCsv(project.file('in.csv'), ['id', 'v'], [['a', '1'], ['b', '2'], ['c', '3']]);
    writeCsv(project.file('b.csv'), ['id'], [['x']]);
    const env = {
      ...project.env,
      HARNESS_SECRET: SECRET_VALUE,
      IHUB_TRANSPORTER: integrationTier ? process.env.IHUB_TEST_TRANSPORTER! : '',
      IHUB_NAMESPACE: `api${randomBytes(4).toString('hex')}`,
      IHUB_JWT_SECRET: 'test-jwt-secret',
      IHUB_SECRET_KEY: randomBytes(32).toString('base64'),
    };
    const node = await startHubNode({ configFile: project.configFile, env, cwd: project.root, logLevel: 'error' });
    const h = new ApiHarness(project, node);
    h.upstream = upstream;
    h.upstreamUrl = upstreamUrl;
    h.upstreamAuth = seen;
    for (let i = 1; i < (options.nodes ?? 1); i++) h.others.push(await startHubNode({ configFile: project.configFile, env, cwd: project.root, logLevel: 'error', nodeId: `api-test-node-${i}-${process.pid}` }));
    await h.seed();
    return h;
  }

  /** Nodes besides `node`, sharing its database (and transporter). */
  readonly others: HubNode[] = [];
  private upstream?: http.Server;

  private async seed(): Promise<void> {
    const { runtime } = this.node;
    this.tenantA = runtime.tenantId('default');
    this.tenantB = runtime.tenantId('other');
    const key = async (tenantId: string, scopes: Scope[], extra: Partial<{ expiresAt: Date }> = {}) =>
      (await createApiKey(runtime.store, { tenantId, name: `test-${scopes.join('-')}`, scopes, createdBy: 'test', ...extra }));
    this.keys.admin = (await key(this.tenantA, ['admin'])).key;
    this.keys.write = (await key(this.tenantA, ['write'])).key;
    this.keys.read = (await key(this.tenantA, ['read'])).key;
    this.keys.expired = (await key(this.tenantA, ['admin'], { expiresAt: new Date(Date.now() - 1000) })).key;
    const revoked = await key(this.tenantA, ['admin']);
    await runtime.store.getRepository(ApiKey).update({ id: revoked.record.id }, { revokedAt: new Date() });
    this.keys.revoked = revoked.key;
    this.keys.otherTenant = (await key(this.tenantB, ['admin'])).key;
    this.ids.apiKey = (await key(this.tenantA, ['read'])).record.id;
    const client = await createOAuthClient(runtime.store, { tenantId: this.tenantA, name: 'test', scopes: ['read', 'write'] });
    this.oauth = { clientId: client.clientId, clientSecret: client.clientSecret };
    this.ids.oauthClient = (await createOAuthClient(runtime.store, { tenantId: this.tenantA, name: 'other', scopes: ['read'] })).record.id;

    await runtime.engine.runFlow(this.tenantA, 'copy');
    this.ids.integration = (await runtime.store.getRepository(Integration).findOneByOrFail({ tenantId: this.tenantA, name: 'src' })).id;
    this.ids.flow = (await runtime.store.getRepository(Flow).findOneByOrFail({ tenantId: this.tenantA, name: 'copy' })).id;
    this.ids.run = (await runtime.store.getRepository(SyncLog).findOneByOrFail({ tenantId: this.tenantA })).id;
    this.ids.record = (await runtime.store.getRepository(CanonicalRecord).findOneByOrFail({ tenantId: this.tenantA })).id;

    // Integrations and flows created over the API, for the routes that change or delete them.
    const csv = (name: string, file: string) => ({ name, connector: 'csv', settings: { folder: this.project.files, file } });
    const created = async (path: string, body: unknown) => {
      const res = await this.request('POST', path, { key: this.keys.write, body });
      if (res.status !== 201) throw new Error(`seeding ${path} failed: ${res.status} ${res.text}`);
      return res.json.id as string;
    };
    this.ids.apiIntegration = await created('/api/v1/integrations', csv('api-made', 'api-made.csv'));
    this.ids.disposableIntegration = await created('/api/v1/integrations', csv('disposable', 'disposable.csv'));
    this.ids.apiFlow = await created('/api/v1/flows', apiFlow('api-flow'));
    this.ids.disposableFlow = await created('/api/v1/flows', apiFlow('disposable-flow'));

    // Nothing listens on port 9 (discard): deliveries to it fail, which is all the sweep needs of them.
    const hook = (name: string) => ({ name, url: 'http://127.0.0.1:9/hook', events: ['record.*'] });
    const createdHook = async (name: string) => {
      const res = await this.request('POST', '/api/v1/webhooks/subscriptions', { key: this.keys.admin, body: hook(name) });
      if (res.status !== 201) throw new Error(`seeding a webhook subscription failed: ${res.status} ${res.text}`);
      return res.json.id as string;
    };
    this.ids.webhookSubscription = await createdHook('harness-hook');
    this.ids.disposableSubscription = await createdHook('disposable-hook');
    await this.request('POST', `/api/v1/webhooks/subscriptions/${this.ids.webhookSubscription}/test`, { key: this.keys.write, body: {} });
    const deliveries = runtime.store.getRepository(WebhookDelivery);
    for (let i = 0; i < 200 && !(await deliveries.existsBy({ subscriptionId: this.ids.webhookSubscription })); i++) await new Promise((r) => setTimeout(r, 50));
    this.ids.webhookDelivery = (await deliveries.findOneByOrFail({ subscriptionId: this.ids.webhookSubscription })).id;
  }

  async request(method: string, urlPath: string, options: { key?: string | null; body?: unknown; headers?: Record<string, string>; rawBody?: string; via?: HubNode } = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${(options.via ?? this.node).apiUrl}${urlPath}`, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  async stop(): Promise<void> {
    for (const other of this.others) await other.stop();
    await this.node.stop();
    this.upstream?.close();
    await this.project.dispose();
  }
}
