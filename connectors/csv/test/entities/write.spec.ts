import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { HubError, type WriteOperation } from '@ihub/plugin-kit';
import { fileEntity } from '../../src/entities/file-entity';
import { listAll, TempFolder } from '../support/file-context';

const write = fileEntity.write!;
const create = (data: Record<string, unknown>, correlationId = 'hub-1', mayExist = false): WriteOperation => ({ op: 'create', data, options: { correlationId, mayExist } });

describe('csv file entity: write', () => {
  const folder = new TempFolder();
  beforeEach(() => folder.create());
  afterEach(() => folder.remove());

  it('creates a missing csv file with a header (key first) and appends creates in order', async () => {
    const ctx = folder.context('people.csv');
    const outcomes = await write(ctx, [create({ name: 'Ada', id: '1' }), create({ id: '2', name: 'Grace', team: 'navy' })]);

    assert.deepEqual(outcomes, [{ ok: true, id: '1' }, { ok: true, id: '2' }]);
    assert.equal(await folder.read('people.csv'), 'id,name,team\n1,Ada,\n2,Grace,navy\n');
  });

  it('uses the configured column order when it creates a file', async () => {
    const ctx = folder.context('people.csv', { columns: ['name', 'id'] });
    await write(ctx, [create({ id: '1', name: 'Ada' })]);

    assert.equal(await folder.read('people.csv'), 'name,id\nAda,1\n');
  });

  it('appends to an existing file in its own column order and line endings, without a second header', async () => {
    await folder.write('people.csv', 'name;id\r\nAda;1');
    const ctx = folder.context('people.csv', { delimiter: ';' });
    await write(ctx, [create({ id: '2', name: 'Grace; Hopper' })]);

    assert.equal(await folder.read('people.csv'), 'name;id\r\nAda;1\r\n"Grace; Hopper";2\r\n');
    const [page] = await listAll(ctx, 10);
    assert.deepEqual(page.records.map((r) => r.data.name), ['Ada', 'Grace; Hopper']);
  });

  it('quotes values with delimiters, quotes and newlines so they read back unchanged', async () => {
    const ctx = folder.context('notes.csv');
    const note = 'say "hi",\nthen leave';
    await write(ctx, [create({ id: '1', note, count: 3, done: false, tags: ['a', 'b'], missing: null })]);

    const [page] = await listAll(ctx, 10);
    assert.deepEqual(page.records[0].data, { id: '1', note, count: '3', done: 'false', tags: '["a","b"]', missing: '' });
  });

  it('gives a create without a key the correlation id as key, so a retry can find it', async () => {
    const ctx = folder.context('people.csv');
    const outcomes = await write(ctx, [create({ name: 'Ada' }, 'hub-42')]);

    assert.deepEqual(outcomes, [{ ok: true, id: 'hub-42' }]);
    assert.equal(await folder.read('people.csv'), 'id,name\nhub-42,Ada\n');
  });

  it('replaces the row of a create that may already exist instead of adding a duplicate', async () => {
    const ctx = folder.context('people.csv');
    await write(ctx, [create({ name: 'Ada' }, 'hub-42')]);

    const outcomes = await write(ctx, [create({ name: 'Ada Lovelace' }, 'hub-42', true), create({ name: 'Grace' }, 'hub-43', true)]);

    assert.deepEqual(outcomes, [{ ok: true, id: 'hub-42' }, { ok: true, id: 'hub-43' }]);
    assert.equal(await folder.read('people.csv'), 'id,name\nhub-42,Ada Lovelace\nhub-43,Grace\n');
  });

  it('updates rows by merging new fields over the old row and deletes rows, in one atomic rewrite', async () => {
    await folder.write('people.csv', 'id,name,team\n1,Ada,math\n2,Grace,navy\n3,Linus,kernel\n');
    const ctx = folder.context('people.csv');
    const outcomes = await write(ctx, [
      { op: 'update', id: '1', data: { team: 'engines' } },
      { op: 'delete', id: '2' },
    ]);

    assert.deepEqual(outcomes, [{ ok: true, id: '1' }, { ok: true, id: '2' }]);
    assert.equal(await folder.read('people.csv'), 'id,name,team\n1,Ada,engines\n3,Linus,kernel\n');
    assert.deepEqual((await fs.readdir(folder.path)).sort(), ['people.csv'], 'no temp file is left behind');
  });

  it('fails only the operations on keys that do not exist; the others still apply', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n');
    const ctx = folder.context('people.csv');
    const outcomes = await write(ctx, [
      { op: 'update', id: '9', data: { name: 'Nobody' } },
      { op: 'update', id: '1', data: { name: 'Ada L.' } },
      { op: 'delete', id: '8' },
      create({ id: '2', name: 'Grace' }),
    ]);

    assert.deepEqual(outcomes.map((o) => o.ok), [false, true, false, true]);
    const failure = outcomes[0];
    assert.ok(!failure.ok && failure.error instanceof HubError && failure.error.code === 'IHUB_NOT_FOUND');
    assert.equal(await folder.read('people.csv'), 'id,name\n1,Ada L.\n2,Grace\n');
  });

  it('applies several operations on one key in batch order', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n');
    const ctx = folder.context('people.csv');
    const outcomes = await write(ctx, [{ op: 'delete', id: '1' }, { op: 'update', id: '1', data: { name: 'gone' } }, create({ id: '1', name: 'Ada again' }, 'hub-1', true)]);

    assert.deepEqual(outcomes.map((o) => o.ok), [true, false, true]);
    assert.equal(await folder.read('people.csv'), 'id,name\n1,Ada again\n');
  });

  it('rejects, per record, csv fields the header has no column for', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n');
    const ctx = folder.context('people.csv');
    const outcomes = await write(ctx, [create({ id: '2', name: 'Grace', rank: 'admiral' }), create({ id: '3', name: 'Linus' })]);

    assert.equal(outcomes[0].ok, false);
    assert.ok(!outcomes[0].ok && outcomes[0].error.code === 'IHUB_RECORD_INVALID' && /rank/.test(outcomes[0].error.message));
    assert.deepEqual(outcomes[1], { ok: true, id: '3' });
    assert.equal(await folder.read('people.csv'), 'id,name\n1,Ada\n3,Linus\n');
  });

  it('rejects an update that would change the key', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n');
    const [outcome] = await write(folder.context('people.csv'), [{ op: 'update', id: '1', data: { id: '2', name: 'Grace' } }]);

    assert.ok(!outcome.ok && outcome.error.code === 'IHUB_RECORD_INVALID');
    assert.equal(await folder.read('people.csv'), 'id,name\n1,Ada\n');
  });

  it('writes JSON lines, keeping value types, and updates them by merging', async () => {
    const ctx = folder.context('events.jsonl');
    await write(ctx, [create({ id: 1, payload: { ok: true } }), create({ kind: 'ping' }, 'hub-7')]);
    await write(ctx, [{ op: 'update', id: '1', data: { seen: 2 } }]);

    assert.equal(await folder.read('events.jsonl'), '{"id":1,"payload":{"ok":true},"seen":2}\n{"id":"hub-7","kind":"ping"}\n');
  });

  it('single create, update and delete go through the same batch write', async () => {
    const ctx = folder.context('people.csv');
    assert.deepEqual(await fileEntity.create!(ctx, { name: 'Ada' }, { correlationId: 'hub-1', mayExist: false }), { id: 'hub-1' });
    assert.deepEqual(await fileEntity.update!(ctx, 'hub-1', { name: 'Ada L.' }), { id: 'hub-1' });
    assert.deepEqual(await fileEntity.get!(ctx, 'hub-1'), { id: 'hub-1', data: { id: 'hub-1', name: 'Ada L.' } });
    await fileEntity.delete!(ctx, 'hub-1');
    assert.equal(await fileEntity.get!(ctx, 'hub-1'), null);
    await assert.rejects(fileEntity.update!(ctx, 'hub-1', { name: 'x' }), (err: unknown) => err instanceof HubError && err.code === 'IHUB_NOT_FOUND');
  });

  it('fails the batch when the file is missing and createIfMissing is false', async () => {
    const ctx = folder.context('people.csv', { createIfMissing: false });
    await assert.rejects(write(ctx, [create({ id: '1' })]), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR');
    await assert.rejects(fs.stat(folder.file('people.csv')));
  });

  it('keeps the file mode and a byte-order mark across a rewrite', async () => {
    await folder.write('people.csv', '\ufeffid,name\n1,Ada\n2,Grace\n');
    await fs.chmod(folder.file('people.csv'), 0o640);
    await write(folder.context('people.csv'), [{ op: 'delete', id: '1' }]);

    assert.equal((await fs.stat(folder.file('people.csv'))).mode & 0o777, 0o640);
    assert.equal(await folder.read('people.csv'), '\ufeffid,name\n2,Grace\n');
  });

  it('leaves the original file in place and no temp file when a rewrite fails', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n2,"unclosed\n');
    const ctx = folder.context('people.csv');
    await assert.rejects(write(ctx, [{ op: 'delete', id: '1' }]), (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_ERROR');

    assert.equal(await folder.read('people.csv'), 'id,name\n1,Ada\n2,"unclosed\n');
    assert.deepEqual(await fs.readdir(folder.path), ['people.csv']);
  });
});
