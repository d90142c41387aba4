import type { ApiIr } from '../ir/ir.types';

export const LANGUAGES = ['python', 'node', 'java', 'dotnet'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One file of a generated SDK, its path relative to the SDK's folder with `/` separators. */
export interface GeneratedFile {
  path: string;
  content: string;
}

export interface EmitInput {
  ir: ApiIr;
  /** Words of the package name (`--name ihub-client` → ihub, client); the emitter spells them its way. */
  name: string[];
  /** The name as given, when it was (npm names and Java packages keep their own spelling). */
  rawName?: string;
  /** The document the IR came from: openapi-typescript reads it for the Node types. */
  document: Record<string, unknown>;
}

/** Writes one language's SDK. Emitters are pure: same input, byte-identical files. */
export interface Emitter {
  language: Language;
  emit(input: EmitInput): Promise<GeneratedFile[]>;
}
