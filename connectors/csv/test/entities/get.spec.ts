import assert from 'node:assert/strict';
import { HubError } from '@ihub/plugin-kit';
import { fileEntity } from '../../src/entities/file-entity';
import { TempFolder } from '../support/file-context';

const get = fileEntity.get!;

describe('csv file entity: get', () => {
  const folder = new TempFolder();
  beforeEach(() => folder.create());
  afterEach(() => folder.remove());

  it('finds the first row with the key, and null for a key the file does not have', async () => {
    await folder.write('events.jsonl', '{"id":1,"v":"a"}\n{"id":2,"v":"b"}\n{"id":2,"v":"duplicate"}\n');
    const ctx = folder.context('events.jsonl');

    assert.deepEqual(await get(ctx, '2'), { id: '2', data: { id: 2, v: 'b' } });
    assert.equal(await get(ctx, '3'), null);
  });

  it('fails with an upstream error when the file is missing', async () => {
    await assert.rejects(get(folder.context('people.csv'), '1'), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR');
  });
});
