import type { Server } from 'node:http';
import { Service, ServiceBroker } from 'moleculer';
import type { Logger } from '@ihub/plugin-kit';
import { resolveRuntimeSettings, type ConfigEnv } from './config';
import { createBroker } from './broker/create-broker';
import { HubRuntime, loadHubConfig } from './runtime/hub-runtime';
import { createSchedulerService } from './services/scheduler.service';
import { createSyncService } from './services/sync.service';
import { createHubService } from './services/hub.service';
import { createWebhooksService } from './services/webhooks.service';
import { createApiService } from './api/api.service';
import { createGatewayService } from './api/gateway.service';
import { TokenSigner } from './api/auth/tokens';
import { apiRoutes } from './api/routes';
import { createRateLimits, type RateLimits } from './api/rate-limit';
import { createMetrics, recordSyncRun } from './api/metrics';

export interface HubNodeOptions {
  configFile: string;
  env?: ConfigEnv;
  cwd?: string;
  nodeId?: string;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

export interface HubNode {
  broker: ServiceBroker;
  runtime: HubRuntime;
  /** Base URL of this node's REST API (`http://host:port`), when it serves one. */
  apiUrl: string | null;
  /** Re-reads the config files on this node (what SIGHUP does). */
  reload(): Promise<unknown>;
  stop(): Promise<void>;
}

/** One `ihub start` process: runtime plus broker with the hub's services, joined to the cluster when a transporter is set. */
export async function startHubNode(options: HubNodeOptions): Promise<HubNode> {
  const env = options.env ?? process.env;
  // The transporter is known only once the config is read, and the runtime names itself by the broker's node id.
  const loaded = await loadHubConfig({ configFile: options.configFile, env, cwd: options.cwd });
  const { config } = loaded;
  const settings = resolveRuntimeSettings(config.hub, env, options.cwd);
  const broker = createBroker({ transporter: settings.transporter, nodeId: options.nodeId ?? env.IHUB_NODE_ID, namespace: env.IHUB_NAMESPACE, logLevel: options.logLevel });
  const logger: Logger = broker.getLogger('hub');
  const runtime = await HubRuntime.open({ configFile: options.configFile, env, cwd: options.cwd, logger, nodeId: broker.nodeID, loaded });
  const shutdown = new AbortController();
  createSyncService(broker, runtime, shutdown.signal);
  createHubService(broker, runtime);
  if (config.hub.scheduler.enabled) createSchedulerService(broker, runtime.store);
  if (config.hub.webhooks.enabled) createWebhooksService(broker, runtime);
  let gateway: (Service & { server?: Server }) | undefined;
  let rateLimits: RateLimits | undefined;
  if (config.hub.api.enabled) {
    const metrics = createMetrics(runtime.store);
    runtime.engine.onRunFinished((r) => recordSyncRun(metrics, { flow: r.flow, status: r.status, processed: r.counts.processed }));
    rateLimits = await createRateLimits(runtime.store, config.hub.api.rateLimit, { logger });
    const signer = TokenSigner.fromEnv(env, logger);
    const routes = apiRoutes(signer);
    createApiService(broker, { runtime, broker }, routes);
    const port = env.IHUB_API_PORT !== undefined && env.IHUB_API_PORT !== '' ? Number(env.IHUB_API_PORT) : config.hub.api.port;
    gateway = createGatewayService(broker, { runtime, broker }, routes, signer, { port, host: env.IHUB_API_HOST || config.hub.api.host, bodyLimit: config.hub.api.bodyLimit }, { rateLimits, metrics });
  }
  await broker.start();
  const address = gateway?.server?.address();
  const apiUrl = address && typeof address === 'object' ? `http://${address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address}:${address.port}` : null;
  if (apiUrl) logger.info(`REST API on ${apiUrl}/api/v1 (reference at ${apiUrl}/docs)`);
  const a = runtime.applied;
  if (a) logger.info(`config applied: integrations +${a.integrations.created} ~${a.integrations.updated} -${a.integrations.removed}, flows +${a.flows.created} ~${a.flows.updated} -${a.flows.removed}, webhooks +${a.webhooks.created} ~${a.webhooks.updated} -${a.webhooks.removed}`);
  logger.info(`ihub node ${broker.nodeID} started: database ${settings.database.replace(/\/\/[^@]*@/, '//***@')}, transporter ${settings.transporter ?? 'in-process'}`);
  return {
    broker,
    runtime,
    apiUrl,
    reload: () => broker.call('hub.reload', {}, { nodeID: broker.nodeID }),
    async stop() {
      // Runs stop at their next page; the broker waits for them (request tracking) before it stops.
      shutdown.abort();
      await broker.stop();
      rateLimits?.close();
      await runtime.close();
    },
  };
}
