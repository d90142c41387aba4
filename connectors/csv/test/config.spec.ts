import assert from 'node:assert/strict';
import { configSchema, csvDelimiter, fileFormat } from '../src/config';

const problems = (config: unknown) => {
  const result = configSchema.safeParse(config);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('csv connection config', () => {
  it('fills in defaults: key id, createIfMissing, format from the extension', () => {
    const config = configSchema.parse({ folder: '/data', file: 'people.csv' });

    assert.deepEqual(config, { folder: '/data', file: 'people.csv', key: 'id', createIfMissing: true });
    assert.equal(fileFormat(config), 'csv');
    assert.equal(fileFormat(configSchema.parse({ folder: '/data', file: 'events.ndjson' })), 'jsonl');
    assert.equal(csvDelimiter(configSchema.parse({ folder: '/data', file: 'people.tsv' })), '\t');
  });

  it('rejects a config without a folder', () => {
    assert.deepEqual(problems({ file: 'people.csv' }).map((p) => p.split(':')[0]), ['folder']);
  });

  it('rejects an unknown format, and a file whose format cannot be inferred', () => {
    assert.match(problems({ folder: '/data', file: 'people.csv', format: 'xlsx' }).join(), /^format:/);
    assert.match(problems({ folder: '/data', file: 'people.xlsx' }).join(), /^format: cannot tell the format/);
  });

  it('rejects unknown fields, as a strict schema', () => {
    assert.match(problems({ folder: '/data', file: 'people.csv', sheet: 1 }).join(), /sheet/);
  });

  it('rejects a file outside the folder', () => {
    assert.match(problems({ folder: '/data', file: '../etc/passwd.csv' }).join(), /^file: must be a path relative to the folder/);
    assert.match(problems({ folder: '/data', file: '/etc/people.csv' }).join(), /^file:/);
  });

  it('rejects columns without the key, and a delimiter for JSON lines', () => {
    assert.match(problems({ folder: '/data', file: 'people.csv', columns: ['name'] }).join(), /^columns: must include the key column 'id'/);
    assert.match(problems({ folder: '/data', file: 'events.jsonl', delimiter: ';' }).join(), /^delimiter: only applies to csv/);
  });
});
