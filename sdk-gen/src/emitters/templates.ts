import fs from 'node:fs';
import path from 'node:path';
import type { Language } from './emitter.types';

/** `sdk-gen/templates`: two levels above this file in `src/emitters` and in `dist/emitters` alike. */
const TEMPLATES = path.resolve(__dirname, '..', '..', 'templates');

/**
 * The static runtime files of a language (HTTP transport, retry, JSON codec, webhook verifier…),
 * sorted by name, with `{{key}}` placeholders replaced. Placeholders only ever receive identifiers
 * the emitter built, never text from the document.
 */
export function templateFiles(language: Language, values: Record<string, string> = {}): Array<{ name: string; content: string }> {
  const dir = path.join(TEMPLATES, language);
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => ({
      name,
      content: fs.readFileSync(path.join(dir, name), 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
        if (!(key in values)) throw new Error(`template ${language}/${name} needs a value for {{${key}}}`);
        return values[key];
      }),
    }));
}
