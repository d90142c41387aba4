import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { hubFileSchema } from './hub-file.schema';
import { integrationFileSchema } from './integration-file.schema';

type JsonSchema = Record<string, unknown>;

const GENERATED_NOTE =
  'Generated from core/src/config/*.schema.ts by core/src/config/write-config-schemas.ts; do not edit. Regenerate with: npx tsx core/src/config/write-config-schemas.ts';

/** Where the published schemas live in the repository; editors find them through a `$schema` modeline. */
export const CONFIG_SCHEMA_DIR = path.resolve(__dirname, '..', '..', '..', 'config', 'schema');

function published(schema: z.ZodType, id: string): JsonSchema {
  // io: 'input' describes what users write: keys with defaults are optional there.
  const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as JsonSchema;
  return { $schema, $id: id, $comment: GENERATED_NOTE, ...rest };
}

/**
 * The JSON Schemas (draft 2020-12) of the config files, by file name, made from the same zod
 * schemas the loader validates with. JSONata and cron syntax checks are not expressible in JSON
 * Schema; `ihub validate` still reports them.
 */
export function configJsonSchemas(): Record<'hub.schema.json' | 'integrations.schema.json', JsonSchema> {
  return {
    'hub.schema.json': published(hubFileSchema, 'urn:ihub:config:hub.schema.json'),
    'integrations.schema.json': published(integrationFileSchema, 'urn:ihub:config:integrations.schema.json'),
  };
}

/** The exact text written for a schema, shared with the test that fails when the committed files are stale. */
export function serializeJsonSchema(schema: JsonSchema): string {
  return JSON.stringify(schema, null, 2) + '\n';
}

export async function writeConfigSchemas(dir = CONFIG_SCHEMA_DIR): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, schema] of Object.entries(configJsonSchemas())) {
    const file = path.join(dir, name);
    await fs.writeFile(file, serializeJsonSchema(schema));
    written.push(file);
  }
  return written;
}

if (require.main === module) {
  writeConfigSchemas().then(
    (files) => files.forEach((f) => console.log(`wrote ${path.relative(process.cwd(), f)}`)),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
