import type { PathSegment } from './config-path';
import type { IntegrationConfig } from './integration-file.schema';
import type { ConnectorCatalogEntry } from './loaded-config.types';
import { schemaParseOptions, schemaProblems, type SchemaProblem } from './schema-problems';

/** Keys of the connection config that come from the integration itself rather than from `settings`. */
const TOP_LEVEL_KEYS = ['endpoint', 'auth'] as const;

/**
 * The connection config a connector receives for an integration: `{ ...settings, endpoint, auth }`,
 * with only the keys that are present. The one place this composition is written.
 */
export function connectionConfigOf(integration: Pick<IntegrationConfig, 'settings' | 'endpoint' | 'auth'>): Record<string, unknown> {
  const config: Record<string, unknown> = { ...integration.settings };
  if (integration.endpoint !== undefined) config.endpoint = integration.endpoint;
  if (integration.auth !== undefined) config.auth = integration.auth;
  return config;
}

/**
 * Checks an integration's connection config against its connector's schema and reports every
 * problem at the path the user wrote it under, relative to the integration: `endpoint` and
 * `auth.*` stay as they are, everything else lives under `settings.*`.
 */
export function connectionConfigProblems(integration: IntegrationConfig, connector: ConnectorCatalogEntry): SchemaProblem[] {
  const settings = { ...integration.settings };
  const clashes: SchemaProblem[] = [];
  for (const key of TOP_LEVEL_KEYS) {
    if (!(key in settings)) continue;
    clashes.push({ path: ['settings', key], message: `"${key}" belongs on the integration itself, not in settings` });
    // Left out of what the connector checks, so the clash is reported once, not again as the connector's unknown key.
    delete settings[key];
  }
  const result = connector.config.safeParse(connectionConfigOf({ ...integration, settings }), schemaParseOptions);
  if (result.success) return clashes;
  return [...clashes, ...schemaProblems(result.error.issues).map((p) => ({ ...p, path: integrationPathOf(p.path) }))];
}

function integrationPathOf(connectionPath: PathSegment[]): PathSegment[] {
  const [first] = connectionPath;
  if (first === undefined) return ['settings'];
  return (TOP_LEVEL_KEYS as readonly PathSegment[]).includes(first) ? connectionPath : ['settings', ...connectionPath];
}
