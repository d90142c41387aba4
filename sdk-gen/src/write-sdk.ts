import fs from 'node:fs';
import path from 'node:path';
import type { GeneratedFile } from './emitters/emitter.types';

/** Lists the files the last generation wrote, so the next one can remove those it no longer makes. */
const MANIFEST = '.sdk-gen-files';

/**
 * Writes an SDK into `dir`. Files a previous generation wrote and this one does not are deleted;
 * files the generator never wrote (a user's own) are left alone.
 */
export function writeSdk(dir: string, files: GeneratedFile[]): void {
  const manifest = path.join(dir, MANIFEST);
  const previous = fs.existsSync(manifest) ? fs.readFileSync(manifest, 'utf8').split('\n').filter(Boolean) : [];
  const current = new Set(files.map((f) => f.path));
  for (const stale of previous) {
    const file = path.join(dir, stale);
    // A manifest line pointing outside `dir` (edited by hand) is ignored rather than trusted.
    if (!current.has(stale) && file.startsWith(path.resolve(dir) + path.sep) && fs.existsSync(file)) fs.rmSync(file);
  }
  for (const f of files) {
    const file = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, f.content);
  }
  fs.writeFileSync(manifest, `${[...current].join('\n')}\n`);
}
