import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { generateSdks } from '../src/generate';
import { LANGUAGES } from '../src/emitters/emitter.types';
import { writeSdk } from '../src/write-sdk';
import { CORPUS_DOCS, loadCorpus } from './support/generate';
import { workDir } from './support/toolchains';

/** Files that cannot hold a comment (JSON) or are empty markers. */
const NO_HEADER = /(^|\/)(package\.json|tsconfig\.json|py\.typed)$/;

describe('sdk-gen output', () => {
  for (const { file, name } of CORPUS_DOCS) {
    it(`is byte-identical when ${file} is generated twice`, async () => {
      const document = await loadCorpus(file);
      const first = await generateSdks({ document, languages: [...LANGUAGES], name });
      const second = await generateSdks({ document: await loadCorpus(file), languages: [...LANGUAGES], name });
      assert.deepEqual(second.sdks, first.sdks);
    });
  }

  it('carries a do-not-edit header in every file that can hold one', async () => {
    const { sdks } = await generateSdks({ document: await loadCorpus('petstore-3.0.yaml'), languages: [...LANGUAGES], name: 'petstore' });
    for (const { language, files } of sdks) {
      for (const f of files.filter((x) => !NO_HEADER.test(x.path))) assert.match(f.content.slice(0, 400), /DO NOT EDIT|Do not edit/, `${language} ${f.path}`);
    }
  });

  it('removes files an earlier generation wrote and this one does not, and keeps the user\'s own', () => {
    const dir = workDir('rewrite');
    try {
      writeSdk(dir, [{ path: 'a.py', content: 'a' }, { path: 'pkg/b.py', content: 'b' }]);
      fs.writeFileSync(path.join(dir, 'mine.py'), 'mine');
      writeSdk(dir, [{ path: 'a.py', content: 'a2' }]);
      assert.equal(fs.readFileSync(path.join(dir, 'a.py'), 'utf8'), 'a2');
      assert.equal(fs.existsSync(path.join(dir, 'pkg/b.py')), false);
      assert.equal(fs.readFileSync(path.join(dir, 'mine.py'), 'utf8'), 'mine');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
