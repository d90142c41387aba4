import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { GenerateResult } from '../src/generate';
import { CORPUS, CORPUS_DOCS, generateAll, loadCorpus, readJson } from './support/generate';
import { filesUnder, javac, mcs, mustRun, python, tsc, workDir, writeTsconfig } from './support/toolchains';

interface InjectionDoc {
  paths: Record<string, { get: { summary: string } }>;
  components: { schemas: { EvilEnum: { enum: string[] } } };
}

const injection = readJson<InjectionDoc>(path.join(CORPUS, 'injection-3.1.json'));
const EVIL_VALUES = injection.components.schemas.EvilEnum.enum;
const EVIL_TEXT = injection.paths['/evil/{id}'].get.summary;

/** Prints, from each language, the data the injection document put in the code: enum values (and a docstring in Python). */
const CHECKS = {
  python: `
import json, typing, sys
import petstore, catalog, evil
from evil.api.evil_tag import EvilTagApi
print(json.dumps({"enum": list(typing.get_args(evil.models.EvilEnum)), "doc": EvilTagApi.get_evil.__doc__}))
`,
  node: `
const models = require(process.argv[2]);
process.stdout.write(JSON.stringify({ enum: models.EvilEnumValues }));
`,
  java: `
public final class EvilCheck {
    public static void main(String[] args) {
        System.out.println(evil.Json.write(evil.models.EvilEnum.values()));
    }
}
`,
  dotnet: `
public static class EvilCheck
{
    public static void Main()
    {
        System.Console.OutputEncoding = new System.Text.UTF8Encoding(false);
        System.Console.WriteLine(Evil.Json.Write(Evil.Models.EvilEnum.Values));
    }
}
`,
};

describe('generated SDKs of the corpus (OpenAPI 3.0 and 3.1)', function () {
  // Each language's compiler runs once for the whole corpus, side by side with the others.
  this.timeout(900_000);
  let root: string;
  const results = new Map<string, GenerateResult>();
  const outputs = new Map<string, Promise<string>>();

  before(async () => {
    root = workDir('corpus');
    for (const { file, name } of CORPUS_DOCS) results.set(name, await generateAll(await loadCorpus(file), name, path.join(root, name)));
    const sdkFiles = (lang: string, ext: string) => CORPUS_DOCS.flatMap(({ name }) => filesUnder(path.join(root, name, lang), ext));
    const write = (file: string, text: string) => {
      fs.writeFileSync(path.join(root, file), text);
      return path.join(root, file);
    };
    const pythonPath = CORPUS_DOCS.map(({ name }) => path.join(root, name, 'python')).join(path.delimiter);
    outputs.set('python', (async () => {
      await python(['-m', 'compileall', '-q', ...CORPUS_DOCS.map(({ name }) => path.join(root, name, 'python'))]);
      return python([write('check.py', CHECKS.python)], { env: { ...process.env, PYTHONPATH: pythonPath } });
    })());
    outputs.set('node', (async () => {
      writeTsconfig(path.join(root, 'tsconfig.json'), CORPUS_DOCS.map(({ name }) => `${name}/node/src`), 'ts-out');
      await tsc(path.join(root, 'tsconfig.json'));
      return mustRun(process.execPath, [write('check.js', CHECKS.node), path.join(root, 'ts-out/evil/node/src/models.js')]);
    })());
    outputs.set('java', (async () => {
      await javac([...sdkFiles('java', '.java'), write('EvilCheck.java', CHECKS.java)], path.join(root, 'java-out'));
      return mustRun('java', ['-Dstdout.encoding=UTF-8', '-cp', path.join(root, 'java-out'), 'EvilCheck']);
    })());
    outputs.set('dotnet', (async () => {
      await mcs([...sdkFiles('dotnet', '.cs'), write('EvilCheck.cs', CHECKS.dotnet)], path.join(root, 'corpus.exe'), 'exe');
      return mustRun('mono', [path.join(root, 'corpus.exe')]);
    })());
    // Settle all before the tests read them, so one compiler's failure does not leave the others running.
    await Promise.allSettled(outputs.values());
  });

  after(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('compile and import in Python 3 (py_compile of every module, import of every package)', async () => {
    await outputs.get('python');
  });

  it('type-check strictly and emit with tsc (openapi-typescript types)', async () => {
    await outputs.get('node');
  });

  it('compile with javac --release 11 in one invocation', async () => {
    await outputs.get('java');
  });

  it("compile with mono's mcs in one invocation", async () => {
    await outputs.get('dotnet');
  });

  it('keep every injected enum value intact as data, in every language', async () => {
    for (const lang of ['python', 'node', 'java', 'dotnet']) {
      const printed = JSON.parse((await outputs.get(lang)!).trim()) as { enum: string[] } | string[];
      assert.deepEqual(Array.isArray(printed) ? printed : printed.enum, EVIL_VALUES, lang);
    }
  });

  it('keep descriptions intact where they are data (Python docstrings)', async () => {
    const printed = JSON.parse((await outputs.get('python')!).trim()) as { doc: string };
    assert.ok(printed.doc.startsWith(`${EVIL_TEXT}\n\n`), printed.doc);
  });

  it('type what it can and warn where it falls back to a generic JSON value', () => {
    assert.deepEqual(results.get('petstore')!.warnings, []);
    assert.deepEqual(results.get('evil')!.warnings, []);
    const warnings = results.get('catalog')!.warnings.join('\n');
    for (const construct of ['prefixItems', 'not', 'a type list']) assert.match(warnings, new RegExp(construct));
  });

  it('recognise list operations by their cursor parameter and nextCursor field', () => {
    const ops = (name: string) => results.get(name)!.ir.operations;
    assert.deepEqual(ops('petstore').filter((o) => o.pagination).map((o) => [o.key, o.pagination!.itemsField]), [['listPets', 'data']]);
    assert.deepEqual(ops('catalog').filter((o) => o.pagination).map((o) => [o.key, o.pagination!.itemsField]), [['list_items', 'items']]);
  });
});
