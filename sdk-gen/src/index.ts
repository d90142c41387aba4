export { generateSdks, type GenerateOptions, type GenerateResult, type GeneratedSdk } from './generate';
export { loadSpec } from './spec/load-spec';
export { writeSdk } from './write-sdk';
export { buildIr } from './ir/build-ir';
export type { ApiIr } from './ir/ir.types';
export { LANGUAGES, type Language, type GeneratedFile } from './emitters/emitter.types';
export { SdkGenError, type SdkGenErrorCode } from './sdk-gen.error';
