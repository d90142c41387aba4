import assert from 'node:assert/strict';
import type { ConnectorManifest } from '../../connector/connector.types';
import { HubError } from '../../errors';
import { withTestContext } from '../test-context';

const describeError = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

/** `check` resolves `{ ok: true }` with the valid config. */
export async function checkConnectionPasses(manifest: ConnectorManifest<unknown, unknown>, config: unknown): Promise<void> {
  const result = await withTestContext(manifest, config, (ctx) => manifest.check(ctx)).catch((err: unknown) =>
    assert.fail(`the connection check threw with the valid config: ${describeError(err)}`),
  );
  assert.equal(result.ok, true, `the connection check failed with the valid config: ${result.message ?? '(no message)'}`);
}

/**
 * With a config that cannot connect, `connect` or `check` fails the way the hub can report: `check`
 * resolves `{ ok: false }` or a HubError is thrown. A raw Error would read as a bug in the connector.
 */
export async function checkConnectionFails(manifest: ConnectorManifest<unknown, unknown>, config: unknown): Promise<void> {
  assert.ok(manifest.config.safeParse(config).success, 'failingConfig must pass the config schema, so that it is the connection that fails');
  let result;
  try {
    result = await withTestContext(manifest, config, (ctx) => manifest.check(ctx));
  } catch (err) {
    assert.ok(err instanceof HubError, `the connection check threw a raw ${describeError(err)}; throw a HubError (e.g. UpstreamAuthError) or return { ok: false }`);
    return;
  }
  assert.equal(result.ok, false, 'the connection check passed with failingConfig');
}
