import { HubError } from './hub.error';

/** A plugin package could not be loaded: bad manifest, missing entry point, incompatible hub version, duplicate id. */
export class PluginInvalidError extends HubError {
  constructor(code: 'IHUB_PLUGIN_INVALID' | 'IHUB_PLUGIN_VERSION_MISMATCH' | 'IHUB_PLUGIN_DUPLICATE' | 'IHUB_PLUGIN_NOT_FOUND', pkg: string, message: string, data: Record<string, unknown> = {}) {
    super(code, `plugin ${pkg}: ${message}`, { data: { package: pkg, ...data }, fault: 'user' });
  }
}
