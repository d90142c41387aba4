import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { entityOperations, manifestProblems, secretPaths } from '@ihub/plugin-kit';
import connector from '../src/index';
import { TempFolder } from './support/file-context';

describe('csv connector manifest', () => {
  const folder = new TempFolder();
  beforeEach(() => folder.create());
  afterEach(() => folder.remove());

  it('is a valid manifest with one snapshot entity, file, supporting every operation, and the inbound webhook secret as its only secret', () => {
    assert.deepEqual(manifestProblems(connector), []);
    assert.equal(connector.id, 'csv');
    assert.deepEqual(Object.keys(connector.entities), ['file']);
    assert.equal(connector.entities.file.changeTracking, 'snapshot');
    assert.deepEqual(entityOperations(connector.entities.file), ['list', 'get', 'create', 'update', 'delete', 'write']);
    assert.deepEqual(secretPaths(connector.config), ['webhookSecret']);
  });

  describe('check', () => {
    it('succeeds for a readable file in a usable folder', async () => {
      await folder.write('people.csv', 'id\n1\n');
      assert.deepEqual(await connector.check(folder.context('people.csv')), { ok: true, message: `'${folder.file('people.csv')}' is readable` });
    });

    it('succeeds for a missing file the first write will create, and fails when it may not', async () => {
      assert.equal((await connector.check(folder.context('people.csv'))).ok, true);
      const strict = await connector.check(folder.context('people.csv', { createIfMissing: false }));
      assert.equal(strict.ok, false);
      assert.match(strict.message!, /does not exist/);
    });

    it('fails with a clear message when the folder does not exist or is a file', async () => {
      const missing = folder.context('people.csv');
      missing.config.folder = folder.file('nope');
      assert.deepEqual(await connector.check(missing), { ok: false, message: `folder '${folder.file('nope')}' does not exist` });

      await folder.write('plain', '');
      const notFolder = folder.context('people.csv');
      notFolder.config.folder = folder.file('plain');
      assert.deepEqual(await connector.check(notFolder), { ok: false, message: `'${folder.file('plain')}' is not a folder` });
    });

    it('fails, without throwing, when the file does not fit the config', async () => {
      await folder.write('people.csv', 'name\nAda\n');
      const result = await connector.check(folder.context('people.csv'));
      assert.equal(result.ok, false);
      assert.match(result.message!, /column 'id' is not in the header/);

      await fs.mkdir(folder.file('dir.csv'));
      const notFile = await connector.check(folder.context('dir.csv'));
      assert.equal(notFile.ok, false);
      assert.match(notFile.message!, /not a regular file/);
    });
  });
});
