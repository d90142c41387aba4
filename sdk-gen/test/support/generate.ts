import fs from 'node:fs';
import path from 'node:path';
import { generateSdks, type GenerateResult } from '../../src/generate';
import { LANGUAGES } from '../../src/emitters/emitter.types';
import { writeSdk } from '../../src/write-sdk';
import { loadSpec } from '../../src/spec/load-spec';

export const CORPUS = path.resolve(__dirname, '../corpus');

/** The corpus documents with the package name each is generated under (distinct, so one compiler run takes them all). */
export const CORPUS_DOCS = [
  { file: 'petstore-3.0.yaml', name: 'petstore' },
  { file: 'catalog-3.1.json', name: 'catalog' },
  { file: 'injection-3.1.json', name: 'evil' },
];

/** Generates all four SDKs of a document into `<dir>/<language>`. */
export async function generateAll(document: unknown, name: string, dir: string): Promise<GenerateResult> {
  const result = await generateSdks({ document, languages: [...LANGUAGES], name });
  for (const sdk of result.sdks) writeSdk(path.join(dir, sdk.language), sdk.files);
  return result;
}

export const loadCorpus = (file: string): Promise<unknown> => loadSpec(path.join(CORPUS, file));

export const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
