import type { ConfigFixture, ConfigSource } from './conformance.types';

/** The config of a source, running its factory when it has one. */
export async function resolveConfig(source: ConfigSource): Promise<ConfigFixture> {
  return typeof source === 'function' ? source() : { config: source };
}
