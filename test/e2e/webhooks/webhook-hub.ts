import { randomBytes } from 'node:crypto';
import { startHubNode, type HubNode } from '../../../core/src/hub-node';
import { createApiKey } from '../../../core/src/api/auth/api-keys';
import { csvIntegration, TestProject, type TestProjectSpec } from '../../support/test-hub';
import { integrationTier } from '../../support/test-store';

/** A hub node with webhooks polling fast, tenant `default` allowed to reach 127.0.0.1, `other` not, and an admin key for each. */
export class WebhookHub {
  keys = { admin: '', other: '' };

  private constructor(readonly project: TestProject, readonly node: HubNode, readonly env: Record<string, string>) {}

  static async start(spec: Partial<TestProjectSpec> | ((project: TestProject) => Partial<TestProjectSpec>) = {}, webhooks: Record<string, unknown> = {}, env: Record<string, string> = {}): Promise<WebhookHub> {
    const project = await TestProject.create({});
    project.write({
      hub: { webhooks: { pollInterval: '50ms', retrySchedule: ['0s', '300ms', '300ms', '300ms'], ...webhooks } },
      tenants: [{ code: 'default', webhooks: { allowPrivateTargets: ['127.0.0.1'] } }, { code: 'other' }],
      integrations: [csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv')],
      flows: [{ name: 'copy', entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id', v: 'v' }, targets: [{ integration: 'dst', entity: 'file' }] }],
      ...(typeof spec === 'function' ? spec(project) : spec),
    });
    const fullEnv = {
      ...project.env,
      IHUB_TRANSPORTER: integrationTier ? process.env.IHUB_TEST_TRANSPORTER! : '',
      IHUB_NAMESPACE: `hooks${randomBytes(4).toString('hex')}`,
      IHUB_SECRET_KEY: randomBytes(32).toString('base64'),
      ...env,
    };
    const node = await startHubNode({ configFile: project.configFile, env: fullEnv, cwd: project.root, logLevel: 'error' });
    const hub = new WebhookHub(project, node, fullEnv);
    const { runtime } = node;
    hub.keys.admin = (await createApiKey(runtime.store, { tenantId: runtime.tenantId('default'), name: 'admin', scopes: ['admin'], createdBy: 'test' })).key;
    hub.keys.other = (await createApiKey(runtime.store, { tenantId: runtime.tenantId('other'), name: 'admin', scopes: ['admin'], createdBy: 'test' })).key;
    return hub;
  }

  async api(method: string, path: string, body?: unknown, key = this.keys.admin): Promise<{ status: number; json: any; text: string }> {
    const call = () => fetch(`${this.node.apiUrl}/api/v1${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
    // A kept-alive socket the server closes for idleness just as it is reused resets once; a fresh one does not.
    const res = await call().catch((err: Error & { cause?: { code?: string } }) => {
      if (err.cause?.code === 'ECONNRESET') return call();
      throw err;
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? JSON.parse(text) : null };
  }

  /** Creates a subscription over the API; answers its id and secret. */
  async subscribe(body: Record<string, unknown>, key = this.keys.admin): Promise<{ id: string; secret: string }> {
    const res = await this.api('POST', '/webhooks/subscriptions', { name: `hook-${randomBytes(3).toString('hex')}`, ...body }, key);
    if (res.status !== 201) throw new Error(`subscribe failed: ${res.status} ${res.text}`);
    return { id: res.json.id, secret: res.json.secret };
  }

  async stop(): Promise<void> {
    await this.node.stop();
    await this.project.dispose();
  }
}
