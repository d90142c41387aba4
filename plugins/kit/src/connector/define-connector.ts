import { PluginInvalidError } from '../errors';
import type { ConnectorManifest } from './connector.types';
import { manifestProblems } from './manifest.schema';

/**
 * Declares a connector. The manifest is checked at once, so a plugin author sees a mistake when
 * the module loads rather than when the hub first runs a sync, and frozen so nothing changes it later.
 */
export function defineConnector<Config, Client = undefined>(manifest: ConnectorManifest<Config, Client>): ConnectorManifest<Config, Client> {
  const problems = manifestProblems(manifest);
  if (problems.length > 0) {
    const id = typeof manifest?.id === 'string' ? manifest.id : '(unknown)';
    throw new PluginInvalidError('IHUB_PLUGIN_INVALID', id, `invalid manifest: ${problems.join('; ')}`, { problems });
  }
  return Object.freeze({ ...manifest, entities: Object.freeze({ ...manifest.entities }) });
}
