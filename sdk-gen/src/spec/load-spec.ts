import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { SdkGenError } from '../sdk-gen.error';

/** Reads an OpenAPI document from an http(s) URL or a file, as JSON or YAML. */
export async function loadSpec(source: string): Promise<unknown> {
  let text: string;
  if (/^https?:\/\//i.test(source)) {
    const res = await fetch(source).catch((err: Error) => {
      throw new SdkGenError('SDKGEN_SPEC_UNREADABLE', `cannot fetch ${source}: ${err.message}`);
    });
    if (!res.ok) throw new SdkGenError('SDKGEN_SPEC_UNREADABLE', `GET ${source} answered ${res.status}`);
    text = await res.text();
  } else {
    text = await fs.readFile(source, 'utf8').catch((err: Error) => {
      throw new SdkGenError('SDKGEN_SPEC_UNREADABLE', `cannot read ${source}: ${err.message}`);
    });
  }
  try {
    // YAML 1.2 is a superset of JSON, but JSON.parse is exact about numbers and much faster on large documents.
    return text.trimStart().startsWith('{') ? JSON.parse(text) : parse(text);
  } catch (err) {
    throw new SdkGenError('SDKGEN_SPEC_UNREADABLE', `${source} is neither JSON nor YAML: ${(err as Error).message}`);
  }
}
