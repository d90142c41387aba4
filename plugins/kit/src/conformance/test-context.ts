import type { ConnectorContext, ConnectorManifest, Logger } from '../connector/connector.types';
import { ConfigInvalidError } from '../errors';

export interface TestContextOptions {
  /** Default: a logger that drops everything. */
  logger?: Logger;
  integration?: ConnectorContext['integration'];
}

export interface TestContext<Config, Client> {
  ctx: ConnectorContext<Config, Client>;
  /** Aborts the context's signal and calls the manifest's `disconnect`. */
  close(): Promise<void>;
}

const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Builds the context the hub would hand a connector: the raw config parsed by the manifest's
 * schema (a `ConfigInvalidError` listing every problem when it does not parse), `connect` called
 * for the client, a silent logger, a live AbortSignal and the integration
 * `{ id: 'conformance', name: 'conformance', tenantId: 'conformance' }`.
 */
export async function createTestContext<Config, Client>(
  manifest: ConnectorManifest<Config, Client>,
  rawConfig: unknown,
  options: TestContextOptions = {},
): Promise<TestContext<Config, Client>> {
  const parsed = manifest.config.safeParse(rawConfig);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new ConfigInvalidError(problems, `connection config of connector '${manifest.id}'`);
  }
  const controller = new AbortController();
  const base = {
    config: parsed.data,
    logger: options.logger ?? silentLogger,
    integration: options.integration ?? { id: 'conformance', name: 'conformance', tenantId: 'conformance' },
    signal: controller.signal,
  };
  // Without `connect` there is no client: the manifest's Client type is then `undefined`.
  const client = manifest.connect ? await manifest.connect(base) : (undefined as Client);
  return {
    ctx: { ...base, client },
    close: async () => {
      controller.abort();
      if (manifest.connect && manifest.disconnect) await manifest.disconnect(client);
    },
  };
}

/** Runs `fn` with a fresh context and always closes it. */
export async function withTestContext<Config, Client, T>(
  manifest: ConnectorManifest<Config, Client>,
  rawConfig: unknown,
  fn: (ctx: ConnectorContext<Config, Client>) => Promise<T>,
): Promise<T> {
  const { ctx, close } = await createTestContext(manifest, rawConfig);
  try {
    return await fn(ctx);
  } finally {
    await close();
  }
}
