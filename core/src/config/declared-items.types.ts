import type { ConfigFile } from './config-file';
import type { PathSegment } from './config-path';
import type { TenantConfig } from './hub-file.schema';
import type { FlowConfig, IntegrationConfig } from './integration-file.schema';
import type { ConnectorCatalog } from './loaded-config.types';
import type { WebhookConfig } from '../webhooks/subscription.schema';

/**
 * An item declared in a config file. `name` is taken from the raw YAML even when the item failed
 * its schema, so that a typo in one key of an integration does not also make every flow that
 * refers to it "unknown", and duplicates are still found.
 */
export interface DeclaredItem<T> {
  file: ConfigFile;
  /** Path of the item in its file, e.g. `['flows', 2]`. */
  at: PathSegment[];
  tenant: string;
  name?: string;
  /** The item as written (after `${ENV}` substitution). */
  raw: unknown;
  /** The parsed item, when it passed its schema. */
  value?: T;
}

export interface IntegrationFileHeader {
  file: ConfigFile;
  tenant: string;
}

export interface SemanticCheckInput {
  /**
   * Tenants declared in hub.yaml (`name` holds the code, `tenant` is empty); undefined when
   * hub.yaml could not be read, so that tenant references are not checked against nothing.
   */
  tenants?: DeclaredItem<TenantConfig>[];
  integrationFiles: IntegrationFileHeader[];
  integrations: DeclaredItem<IntegrationConfig>[];
  flows: DeclaredItem<FlowConfig>[];
  webhooks?: DeclaredItem<WebhookConfig>[];
  connectors?: ConnectorCatalog;
}
