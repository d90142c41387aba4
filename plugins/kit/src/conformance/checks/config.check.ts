import assert from 'node:assert/strict';
import type { ConnectorManifest } from '../../connector/connector.types';

/** The config schema accepts the valid config. */
export async function checkValidConfig(manifest: ConnectorManifest<unknown, unknown>, config: unknown): Promise<void> {
  const result = manifest.config.safeParse(config);
  if (!result.success) {
    assert.fail(`the config schema rejects the valid config:\n  ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('\n  ')}`);
  }
}

/** The config schema rejects a config that is wrong for `reason`. */
export async function checkInvalidConfig(manifest: ConnectorManifest<unknown, unknown>, invalid: { config: unknown; reason: string }): Promise<void> {
  assert.ok(!manifest.config.safeParse(invalid.config).success, `the config schema accepts a config that should be rejected (${invalid.reason})`);
}
