import { buildIr } from './ir/build-ir';
import type { ApiIr } from './ir/ir.types';
import { words } from './ir/words';
import { emitterFor } from './emitters';
import type { GeneratedFile, Language } from './emitters/emitter.types';
import { SdkGenError } from './sdk-gen.error';

export interface GenerateOptions {
  /** The parsed OpenAPI 3.0 or 3.1 document. */
  document: unknown;
  languages: Language[];
  /** Package name, e.g. `ihub`; defaults to the document's title without a trailing "API". */
  name?: string;
}

export interface GeneratedSdk {
  language: Language;
  files: GeneratedFile[];
}

export interface GenerateResult {
  ir: ApiIr;
  sdks: GeneratedSdk[];
  /** Constructs typed as any JSON value, unsupported security schemes…: printed by the CLI. */
  warnings: string[];
}

/** Parses the document once and runs each language's emitter on the IR. */
export async function generateSdks(options: GenerateOptions): Promise<GenerateResult> {
  const ir = buildIr(options.document);
  const name = packageWords(options.name, ir.title);
  const sdks: GeneratedSdk[] = [];
  for (const language of options.languages) {
    const files = await emitterFor(language).emit({ ir, name, ...(options.name ? { rawName: options.name } : {}), document: options.document as Record<string, unknown> });
    sdks.push({ language, files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) });
  }
  return { ir, sdks, warnings: ir.warnings };
}

function packageWords(name: string | undefined, title: string): string[] {
  if (name !== undefined) {
    const ws = words(name);
    if (ws.length === 0) throw new SdkGenError('SDKGEN_NAME_INVALID', `--name '${name}' has no letters or digits to make a package name of`);
    return ws;
  }
  const ws = words(title);
  if (ws.length > 1 && ws[ws.length - 1] === 'api') ws.pop();
  return ws.length > 0 ? ws : ['api'];
}
