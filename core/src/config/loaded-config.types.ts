import type { z } from 'zod';
import type { ConfigProblem } from '@ihub/plugin-kit';
import type { ConfigEnv } from './env-substitution';
import type { HubConfig, TenantConfig } from './hub-file.schema';
import type { FlowConfig, IntegrationConfig } from './integration-file.schema';
import type { WebhookConfig } from '../webhooks/subscription.schema';

/** What the loader needs to know of an installed connector: its connection-config schema and entity names. */
export interface ConnectorCatalogEntry {
  config: z.ZodType;
  entities: readonly string[];
}

/** Installed connectors by id. */
export type ConnectorCatalog = ReadonlyMap<string, ConnectorCatalogEntry>;

export interface LoadConfigOptions {
  /** Values for `${NAME}` references. Default: `process.env`. */
  env?: ConfigEnv;
  /** Installed connectors. Without it, connector ids, connection configs and entities are not checked. */
  connectors?: ConnectorCatalog;
  /** Problems name files relative to this folder when they are inside it. Default: `process.cwd()`. */
  cwd?: string;
}

/** hub.yaml's `hub:` section with defaults applied and every relative path resolved against hub.yaml's folder. */
export interface LoadedHubSettings extends Omit<HubConfig, 'integrationsDir' | 'plugins'> {
  /** Absolute path of hub.yaml. */
  file: string;
  /** Absolute folder of the integration files. */
  integrationsDir: string;
  plugins: { paths: string[]; packages: string[] };
}

/** Where a config item was declared, to point users at it from later errors. */
export interface ConfigLocation {
  /** Code of the tenant it belongs to. */
  tenant: string;
  /** File it is declared in, as shown to users (relative to the working directory when inside it). */
  file: string;
  /** 1-based line of its first key. */
  line: number;
}

export type LoadedIntegration = IntegrationConfig & ConfigLocation;

export type LoadedWebhook = WebhookConfig & ConfigLocation;

/** A flow with defaults applied; `pageSize` falls back to `hub.sync.pageSize`. */
export type LoadedFlow = FlowConfig & ConfigLocation & { pageSize: number };

/** The whole configuration, validated and with `${ENV}` references resolved. */
export interface LoadedConfig {
  hub: LoadedHubSettings;
  /** Tenants, `name` defaulting to the code. */
  tenants: Array<Required<TenantConfig>>;
  integrations: LoadedIntegration[];
  flows: LoadedFlow[];
  webhooks: LoadedWebhook[];
}

export interface ConfigValidation {
  /** Present only when there are no problems. */
  config?: LoadedConfig;
  /** hub.yaml's settings (defaults where it is broken), present even when there are problems: they say where plugins are. */
  hub: LoadedHubSettings;
  /** Every problem found, sorted by file and line. */
  problems: ConfigProblem[];
}
