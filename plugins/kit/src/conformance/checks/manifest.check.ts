import assert from 'node:assert/strict';
import type { ConnectorManifest } from '../../connector/connector.types';
import { manifestProblems } from '../../connector/manifest.schema';
import { toJsonSchema } from '../../schema/secret';

/** The manifest passes the registry's checks (id, semver version, hub range…) and its config has a catalog JSON Schema. */
export async function checkManifest(manifest: ConnectorManifest<unknown, unknown>): Promise<void> {
  const problems = manifestProblems(manifest);
  assert.ok(problems.length === 0, `the manifest has problems:\n  ${problems.join('\n  ')}`);
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(JSON.stringify(toJsonSchema(manifest.config))) as Record<string, unknown>;
  } catch (err) {
    assert.fail(`the config schema has no JSON Schema for the connector catalog: ${err instanceof Error ? err.message : String(err)}`);
  }
  assert.equal(schema.type, 'object', 'the config schema must describe an object (a mapping in the integration file)');
}
