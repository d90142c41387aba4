import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { HubError } from '@ihub/plugin-kit';
import { fileEntity } from '../../src/entities/file-entity';
import { listAll, TempFolder, touchLater } from '../support/file-context';

const list = fileEntity.list!;

describe('csv file entity: list', () => {
  const folder = new TempFolder();
  beforeEach(() => folder.create());
  afterEach(() => folder.remove());

  it('lists a csv file in pages of at most pageSize rows, all of one snapshot, the last with hasMore false', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n2,Grace\n3,Linus\n4,Ken\n5,Barbara\n');
    const pages = await listAll(folder.context('people.csv'), 2);

    assert.deepEqual(pages.map((p) => p.records.map((r) => r.id)), [['1', '2'], ['3', '4'], ['5']]);
    assert.deepEqual(pages.map((p) => p.hasMore), [true, true, false]);
    assert.equal(new Set(pages.map((p) => p.snapshot)).size, 1);
    assert.ok(pages[0].snapshot);
    assert.deepEqual(pages[0].records[1].data, { id: '2', name: 'Grace' });
  });

  it('returns nothing and no snapshot when the file has not changed since the last complete pass', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n');
    const ctx = folder.context('people.csv');
    const [first] = await listAll(ctx, 10);

    const again = await list(ctx, { cursor: first.cursor, pageSize: 10 });

    assert.deepEqual(again, { records: [], hasMore: false, cursor: first.cursor });
    assert.equal('snapshot' in again, false);
  });

  it('starts a new pass with a new snapshot from the first row once the file changed', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n2,Grace\n');
    const ctx = folder.context('people.csv');
    const [first] = await listAll(ctx, 10);
    await fs.appendFile(folder.file('people.csv'), '3,Linus\n');

    const [second] = await listAll(ctx, 10, first.cursor);

    assert.notEqual(second.snapshot, first.snapshot);
    assert.deepEqual(second.records.map((r) => r.id), ['1', '2', '3']);
  });

  it('notices a change that keeps the size but moves the mtime', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n');
    const ctx = folder.context('people.csv');
    const [first] = await listAll(ctx, 10);
    await folder.write('people.csv', 'id,name\n1,Bob\n');
    await touchLater(folder.file('people.csv'));

    const [second] = await listAll(ctx, 10, first.cursor);

    assert.notEqual(second.snapshot, first.snapshot);
    assert.deepEqual(second.records[0].data, { id: '1', name: 'Bob' });
  });

  it('resumes a pass at the committed offset after a crash, in the same snapshot', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n2,Grace\n3,Linus\n4,Ken\n');
    const ctx = folder.context('people.csv');
    const first = await list(ctx, { cursor: null, pageSize: 2 });

    // A new process only has the committed cursor.
    const resumed = await listAll(folder.context('people.csv'), 2, first.cursor);

    assert.deepEqual(resumed.map((p) => p.records.map((r) => r.id)), [['3', '4']]);
    assert.equal(resumed[0].snapshot, first.snapshot);
    assert.equal(JSON.parse(resumed[0].cursor!).offset, 4);
  });

  it('restarts from the first row when the file changed in the middle of a pass', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n2,Grace\n3,Linus\n');
    const ctx = folder.context('people.csv');
    const first = await list(ctx, { cursor: null, pageSize: 2 });
    await fs.appendFile(folder.file('people.csv'), '4,Ken\n');

    const pages = await listAll(ctx, 2, first.cursor);

    assert.deepEqual(pages.map((p) => p.records.map((r) => r.id)), [['1', '2'], ['3', '4']]);
    assert.notEqual(pages[0].snapshot, first.snapshot);
  });

  it('reads quoted fields holding delimiters, quotes and newlines, and resumes after them', async () => {
    await folder.write('notes.csv', 'id,note\n1,"a, b"\n2,"say ""hi"""\n3,"line one\nline two"\n4,plain\n');
    const pages = await listAll(folder.context('notes.csv'), 1);

    assert.deepEqual(pages.flatMap((p) => p.records.map((r) => r.data.note)), ['a, b', 'say "hi"', 'line one\nline two', 'plain']);
  });

  it('resumes correctly in a CRLF file with a byte-order mark and a custom delimiter', async () => {
    await folder.write('people.csv', '\ufeffid;name\r\n1;Ada\r\n2;"Grace; H"\r\n3;Linus\r\n');
    const pages = await listAll(folder.context('people.csv', { delimiter: ';' }), 1);

    assert.deepEqual(pages.flatMap((p) => p.records.map((r) => r.data)), [{ id: '1', name: 'Ada' }, { id: '2', name: 'Grace; H' }, { id: '3', name: 'Linus' }]);
  });

  it('fills cells missing at the end of a short row with empty strings', async () => {
    await folder.write('people.csv', 'id,name,team\n1,Ada\n');
    const [page] = await listAll(folder.context('people.csv'), 10);

    assert.deepEqual(page.records[0].data, { id: '1', name: 'Ada', team: '' });
  });

  it('reads tab-separated values from a .tsv file', async () => {
    await folder.write('people.tsv', 'id\tname\n1\tAda, Countess\n');
    const [page] = await listAll(folder.context('people.tsv'), 10);

    assert.deepEqual(page.records[0].data, { id: '1', name: 'Ada, Countess' });
  });

  it('lists a JSON-lines file with parsed objects, skipping blank lines, and resumes mid-pass', async () => {
    await folder.write('events.jsonl', '{"id":1,"tags":["a"]}\n\n{"id":"2","nested":{"x":true}}\n{"id":3}');
    const ctx = folder.context('events.jsonl');
    const first = await list(ctx, { cursor: null, pageSize: 2 });
    const rest = await listAll(ctx, 2, first.cursor);

    assert.deepEqual(first.records, [{ id: '1', data: { id: 1, tags: ['a'] } }, { id: '2', data: { id: '2', nested: { x: true } } }]);
    assert.deepEqual(rest.map((p) => p.records.map((r) => r.id)), [['3']]);
    assert.equal(rest[0].snapshot, first.snapshot);
  });

  it('skips rows without a key and warns with their line, without counting them as records', async () => {
    await folder.write('people.csv', 'id,name\n1,Ada\n,Nobody\n3,Linus\n');
    const ctx = folder.context('people.csv');
    const [page] = await listAll(ctx, 10);

    assert.deepEqual(page.records.map((r) => r.id), ['1', '3']);
    assert.equal(ctx.logger.warnings.length, 1);
    assert.match(ctx.logger.warnings[0], /people\.csv:3: no value in key column 'id'/);
  });

  it('lists an empty file as a complete pass with no records', async () => {
    await folder.write('people.csv', '');
    const [page] = await listAll(folder.context('people.csv'), 10);

    assert.deepEqual(page.records, []);
    assert.equal(page.hasMore, false);
    assert.ok(page.snapshot);
  });

  it('fails with a coded, non-retryable upstream error naming the path when the file is missing', async () => {
    await assert.rejects(list(folder.context('missing.csv'), { cursor: null, pageSize: 10 }), (err: unknown) => {
      assert.ok(err instanceof HubError);
      assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
      assert.equal(err.retryable, false);
      assert.match(err.message, /missing\.csv/);
      return true;
    });
  });

  it('fails the page with the file and line of a malformed row rather than skipping it', async () => {
    await folder.write('events.jsonl', '{"id":1}\n{"id":2,\n');
    await assert.rejects(listAll(folder.context('events.jsonl'), 10), (err: unknown) => {
      assert.ok(err instanceof HubError);
      assert.equal(err.code, 'IHUB_UPSTREAM_ERROR');
      assert.match(err.message, /events\.jsonl:2: not valid JSON/);
      return true;
    });
  });

  it('fails when the csv header has no key column, instead of listing an empty pass', async () => {
    await folder.write('people.csv', 'name\nAda\n');
    await assert.rejects(listAll(folder.context('people.csv'), 10), (err: unknown) => err instanceof HubError && err.code === 'IHUB_CONFIG_INVALID');
  });

  it('starts a new pass when handed a cursor it cannot read', async () => {
    await folder.write('people.csv', 'id\n1\n');
    const ctx = folder.context('people.csv');
    const page = await list(ctx, { cursor: 'not json', pageSize: 10 });

    assert.deepEqual(page.records.map((r) => r.id), ['1']);
    assert.ok(page.snapshot);
  });
});
