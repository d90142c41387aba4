import assert from 'node:assert/strict';
import type { ConnectorManifest } from '../../connector/connector.types';
import { SECRET_KEYWORD, secretPaths, toJsonSchema } from '../../schema/secret';

type JsonSchema = Record<string, unknown>;

// Field names that hold a credential whatever the connector; a field so named must be marked.
const SECRET_NAME = /^(password|passwd|passphrase|secret|clientsecret|apikey|apitoken|token|accesstoken|refreshtoken|privatekey|sharedsecret)$/;

/** Visits every property of a JSON Schema with its dotted path, through unions as `secretPaths` does. */
function eachProperty(node: unknown, path: string, visit: (path: string, node: JsonSchema) => void): void {
  if (!node || typeof node !== 'object') return;
  const n = node as JsonSchema;
  if (path) visit(path, n);
  const props = n.properties as Record<string, unknown> | undefined;
  if (props) for (const [k, v] of Object.entries(props)) eachProperty(v, path ? `${path}.${k}` : k, visit);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const alts = n[key];
    if (Array.isArray(alts)) for (const alt of alts) eachProperty(alt, path, visit);
  }
}

function valueAt(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((cur, key) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined), value);
}

/**
 * Every declared secret (and every field named like a credential) is marked with `secret()`, no
 * secret field carries a default or examples, and no secret value of the valid config appears
 * anywhere in the published JSON Schema.
 */
export async function checkSecrets(manifest: ConnectorManifest<unknown, unknown>, declared: string[], validConfig: unknown): Promise<void> {
  const marked = secretPaths(manifest.config);
  const unmarked = declared.filter((p) => !marked.includes(p));
  assert.deepEqual(unmarked, [], `declared secret field(s) not marked with secret(): ${unmarked.join(', ')}`);

  const schema = toJsonSchema(manifest.config);
  const looksSecret: string[] = [];
  const exposed: string[] = [];
  eachProperty(schema, '', (path, node) => {
    const isMarked = node[SECRET_KEYWORD] === true;
    const name = (path.split('.').pop() ?? '').replace(/[-_]/g, '').toLowerCase();
    if (!isMarked && SECRET_NAME.test(name)) looksSecret.push(path);
    if (isMarked && (node.default !== undefined || node.examples !== undefined)) exposed.push(path);
  });
  assert.deepEqual(looksSecret, [], `field(s) named like a credential but not marked with secret(): ${looksSecret.join(', ')}`);
  assert.deepEqual(exposed, [], `secret field(s) with a default or examples, which the catalog would publish: ${exposed.join(', ')}`);

  const published = JSON.stringify(schema);
  const leaked = marked.filter((p) => {
    const value = valueAt(validConfig, p);
    return typeof value === 'string' && value.length >= 4 && published.includes(value);
  });
  assert.deepEqual(leaked, [], `the JSON Schema contains the value of secret field(s): ${leaked.join(', ')}`);
}
