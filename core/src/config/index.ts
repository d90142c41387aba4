/**
 * Config loading: `config/hub.yaml` and `config/integrations/*.yaml` → a validated `LoadedConfig`,
 * or every problem with its file and line.
 */
export { loadConfig, validateConfig } from './config-loader';
export { resolveRuntimeSettings, type RuntimeSettings } from './runtime-settings';
export { connectionConfigOf } from './connection-config';
export { configJsonSchemas, writeConfigSchemas, CONFIG_SCHEMA_DIR } from './write-config-schemas';
export { hubFileSchema, tenantSchema, DEFAULT_TENANT_CODE, DEFAULT_PAGE_SIZE, type HubConfig, type HubFileConfig, type TenantConfig } from './hub-file.schema';
export {
  integrationFileSchema,
  integrationSchema,
  flowSchema,
  flowTargetSchema,
  type IntegrationFileConfig,
  type IntegrationConfig,
  type FlowConfig,
  type FlowTargetConfig,
} from './integration-file.schema';
export type { ConfigEnv } from './env-substitution';
export type {
  ConnectorCatalog,
  ConnectorCatalogEntry,
  LoadConfigOptions,
  LoadedConfig,
  LoadedHubSettings,
  LoadedIntegration,
  LoadedFlow,
  LoadedWebhook,
  ConfigLocation,
  ConfigValidation,
} from './loaded-config.types';
