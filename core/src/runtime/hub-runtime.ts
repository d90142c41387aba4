import path from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigInvalidError, HubError, Logger } from '@ihub/plugin-kit';
import { SecretBox, mergeSecrets, type SecretValues } from '../security';
import { resolveRuntimeSettings, validateConfig, connectionConfigOf, type ConfigEnv, type ConnectorCatalog, type ConfigValidation, type LoadedConfig, type LoadedHubSettings, type RuntimeSettings } from '../config';
import { ConnectorInstance } from '../registry/connector-instance';
import { ConnectorRegistry, type LoadedConnector } from '../registry/connector-registry';
import { openStore } from '../store/data-source';
import { withStartupLock } from '../store/startup-lock';
import { Integration, Tenant } from '../store/entities';
import { SyncEngine } from '../sync/sync-engine';
import { applyConfig, type ApplySummary } from './config-applier';

export interface OpenHubOptions {
  /** Path of hub.yaml. */
  configFile: string;
  env?: ConfigEnv;
  cwd?: string;
  logger: Logger;
  /** The id leases and sync logs name this process by. */
  nodeId: string;
  /** Apply the config files to the store on open (default true). */
  apply?: boolean;
  /** Tests only: create tables from entities instead of migrations. */
  synchronize?: boolean;
  /** Config and registry already loaded by the caller (see `loadHubConfig`), so they are not read twice. */
  loaded?: { config: LoadedConfig; registry: ConnectorRegistry };
}

/** The catalog the config loader checks integrations against. */
export function catalogOf(registry: ConnectorRegistry): ConnectorCatalog {
  return new Map(registry.list().map(({ manifest }) => [manifest.id, { config: manifest.config, entities: Object.keys(manifest.entities) }]));
}

/** The connectors of a hub: packages in the project's `connectors/` folder, plus the paths and packages hub.yaml names. */
export function discoverConnectors(hub: LoadedHubSettings): ConnectorRegistry {
  const hubDir = path.dirname(hub.file);
  return ConnectorRegistry.discover({ roots: [path.resolve(hubDir, '..', 'connectors')], paths: hub.plugins.paths, packages: hub.plugins.packages, resolveFrom: hubDir });
}

/**
 * Loads everything a hub process needs, in order: the config files (validated twice — once to
 * learn where plugins are, once against the connectors found there), the connector registry, the
 * store (migrated), the config applied to the store, and one live connector per integration.
 */
export async function loadHubConfig(options: Pick<OpenHubOptions, 'configFile' | 'env' | 'cwd'>): Promise<{ config: LoadedConfig; registry: ConnectorRegistry }> {
  const { validation, registry } = await validateHubConfig(options);
  if (!validation.config) throw new ConfigInvalidError(validation.problems);
  return { config: validation.config, registry };
}

/**
 * Validates the config against the installed connectors, reporting every problem at once: the
 * first pass only learns from hub.yaml where plugins are (it works even when other files are
 * broken), the second checks everything against the connectors found there.
 */
export async function validateHubConfig(options: Pick<OpenHubOptions, 'configFile' | 'env' | 'cwd'>): Promise<{ validation: ConfigValidation; registry: ConnectorRegistry }> {
  const first = await validateConfig(options.configFile, { env: options.env, cwd: options.cwd });
  const registry = discoverConnectors(first.hub);
  const validation = await validateConfig(options.configFile, { env: options.env, cwd: options.cwd, connectors: catalogOf(registry) });
  return { validation, registry };
}

/**
 * A hub process's loaded state. `reload` re-reads the config files (SIGHUP, `ihub apply` on a
 * cluster): runs already going keep the connector instances they started with.
 */
export class HubRuntime {
  readonly engine: SyncEngine;
  private instances = new Map<string, ConnectorInstance>();
  private readonly retired: ConnectorInstance[] = [];
  private tenantIds = new Map<string, string>();
  /** Integrations created over the API, connected on first use. */
  private apiRows = new Map<string, Integration>();
  private box?: SecretBox;

  private constructor(
    private loaded: { config: LoadedConfig; registry: ConnectorRegistry },
    readonly settings: RuntimeSettings,
    readonly store: DataSource,
    private readonly options: OpenHubOptions,
    public applied: ApplySummary | null,
  ) {
    this.engine = new SyncEngine({
      store,
      nodeId: options.nodeId,
      logger: options.logger,
      defaultPageSize: loaded.config.hub.sync.pageSize,
      integrations: { byName: (tenantId, name) => this.integration(tenantId, name) },
    });
  }

  static async open(options: OpenHubOptions): Promise<HubRuntime> {
    const loaded = options.loaded ?? (await loadHubConfig(options));
    for (const error of loaded.registry.errors) options.logger.error(`${error.code}: ${error.message}`);
    const settings = resolveRuntimeSettings(loaded.config.hub, options.env ?? process.env, options.cwd);
    const store = await openStore({ url: settings.database, synchronize: options.synchronize });
    try {
      const applied = options.apply === false ? null : await withStartupLock(store, () => applyConfig(store, loaded.config, loaded.registry));
      const runtime = new HubRuntime(loaded, settings, store, options, applied);
      await runtime.connectIntegrations();
      return runtime;
    } catch (err) {
      await store.destroy();
      throw err;
    }
  }

  get config(): LoadedConfig {
    return this.loaded.config;
  }

  get registry(): ConnectorRegistry {
    return this.loaded.registry;
  }

  /** Re-reads the config files, applies them to the store and swaps in the new integrations. */
  async reload(): Promise<ApplySummary> {
    const loaded = await loadHubConfig(this.options);
    const applied = await withStartupLock(this.store, () => applyConfig(this.store, loaded.config, loaded.registry));
    this.loaded = loaded;
    this.applied = applied;
    this.retired.push(...this.instances.values());
    await this.connectIntegrations();
    return applied;
  }

  /** Re-reads tenants after one was created over the API. */
  async refreshTenants(): Promise<void> {
    const tenants = await this.store.getRepository(Tenant).find();
    this.tenantIds = new Map(tenants.map((t) => [t.code, t.id]));
  }

  /** Id of a tenant by code; the default tenant when no code is given. */
  tenantId(code = 'default'): string {
    const id = this.tenantIds.get(code);
    if (!id) throw new ConfigInvalidError([{ path: 'tenant', message: `unknown tenant '${code}'` }]);
    return id;
  }

  /** Code of a tenant by id; undefined for an unknown id. */
  tenantCode(id: string): string | undefined {
    for (const [code, tenantId] of this.tenantIds) if (tenantId === id) return code;
    return undefined;
  }

  /**
   * The live connector of an integration. Integrations created over the API are connected on
   * first use, so a command that never touches them never needs IHUB_SECRET_KEY.
   */
  integration(tenantId: string, name: string): ConnectorInstance | undefined {
    const key = `${tenantId}/${name}`;
    const live = this.instances.get(key);
    if (live) return live;
    const row = this.apiRows.get(key);
    if (!row) return undefined;
    const instance = this.connectApiIntegration(row);
    if (instance) this.instances.set(key, instance);
    return instance;
  }

  async close(): Promise<void> {
    for (const instance of [...this.instances.values(), ...this.retired]) await instance.close();
    if (this.store.isInitialized) await this.store.destroy();
  }

  /**
   * Rebuilds the live connector of one integration created or changed over the API (all nodes do
   * this when told). Config-file integrations change through `reload` instead.
   */
  async refreshIntegration(id: string): Promise<void> {
    for (const [key, instance] of this.instances) {
      if (instance.integration.id !== id) continue;
      this.instances.delete(key);
      this.retired.push(instance);
    }
    for (const [key, row] of this.apiRows) if (row.id === id) this.apiRows.delete(key);
    const row = await this.store.getRepository(Integration).findOneBy({ id });
    if (row && row.source === null) this.apiRows.set(`${row.tenantId}/${row.name}`, row);
  }

  /** The box that encrypts API-created integrations' secrets; needs IHUB_SECRET_KEY. */
  secretBox(): SecretBox {
    this.box ??= SecretBox.fromEnv(this.options.env ?? process.env);
    return this.box;
  }

  /** One live connector per integration — from the config files, or from the store for those created over the API. */
  private async connectIntegrations(): Promise<void> {
    const tenants = await this.store.getRepository(Tenant).find();
    this.tenantIds = new Map(tenants.map((t) => [t.code, t.id]));
    const rows = await this.store.getRepository(Integration).find();
    const instances = new Map<string, ConnectorInstance>();
    for (const item of this.config.integrations) {
      const tenantId = this.tenantIds.get(item.tenant);
      const row = rows.find((r) => r.tenantId === tenantId && r.name === item.name);
      const connector = this.registry.get(item.connector);
      if (!row || !connector) continue;
      instances.set(`${row.tenantId}/${row.name}`, new ConnectorInstance(connector, { id: row.id, name: row.name, tenantId: row.tenantId }, connectionConfigOf(item), this.options.logger, this.hostClient(connector)));
    }
    this.apiRows = new Map(rows.filter((r) => r.source === null).map((r) => [`${r.tenantId}/${r.name}`, r]));
    this.instances = instances;
  }

  /** Built-in connectors read the hub's own store. */
  private hostClient(connector: LoadedConnector): DataSource | undefined {
    return connector.builtin ? this.store : undefined;
  }

  private connectApiIntegration(row: Integration): ConnectorInstance | undefined {
    const connector = this.registry.get(row.connector);
    if (!connector) {
      this.options.logger.error(`integration ${row.name}: connector '${row.connector}' is not installed on this node`);
      return undefined;
    }
    try {
      const secrets = row.secrets ? (this.secretBox().decrypt(row.secrets) as SecretValues) : {};
      return new ConnectorInstance(connector, { id: row.id, name: row.name, tenantId: row.tenantId }, mergeSecrets(row.configuration, secrets), this.options.logger, this.hostClient(connector));
    } catch (err) {
      const e = HubError.from(err);
      this.options.logger.error(`integration ${row.name} is unavailable: ${e.code}: ${e.message}`);
      return undefined;
    }
  }
}
