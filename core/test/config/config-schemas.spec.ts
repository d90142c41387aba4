import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_SCHEMA_DIR, configJsonSchemas } from '../../src/config';
import { serializeJsonSchema } from '../../src/config/write-config-schemas';

describe('published config JSON Schemas', () => {
  // The CI check for generated files: regenerate in memory, compare with what is committed.
  for (const [name, schema] of Object.entries(configJsonSchemas())) {
    it(`config/schema/${name} is up to date (regenerate: npx tsx core/src/config/write-config-schemas.ts)`, async () => {
      const committed = await fs.readFile(path.join(CONFIG_SCHEMA_DIR, name), 'utf8');
      assert.equal(committed, serializeJsonSchema(schema));
    });
  }

  it('are draft 2020-12 with an $id, a title, a do-not-edit note and no unknown keys allowed', () => {
    for (const schema of Object.values(configJsonSchemas())) {
      assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
      assert.match(String(schema.$id), /^urn:ihub:config:/);
      assert.match(String(schema.$comment), /do not edit/);
      assert.equal(typeof schema.title, 'string');
      assert.equal(schema.additionalProperties, false);
    }
  });

  it('describe the fields editors show help for', () => {
    const integrations = configJsonSchemas()['integrations.schema.json'] as { properties: { flows: { items: { properties: Record<string, { description?: string }> } } } };
    const flow = integrations.properties.flows.items.properties;
    for (const field of ['name', 'entity', 'source', 'mapping', 'targets', 'direction', 'schedule', 'deletes', 'pageSize', 'enabled']) {
      assert.ok(flow[field].description, `flows[].${field} has a description`);
    }
  });
});
