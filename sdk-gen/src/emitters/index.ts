import { SdkGenError } from '../sdk-gen.error';
import type { Emitter, Language } from './emitter.types';
import { LANGUAGES } from './emitter.types';
import { dotnetEmitter } from './dotnet';
import { javaEmitter } from './java';
import { nodeEmitter } from './node';
import { pythonEmitter } from './python';

const EMITTERS: Record<Language, Emitter> = { python: pythonEmitter, node: nodeEmitter, java: javaEmitter, dotnet: dotnetEmitter };

/** The emitter of a language; `SDKGEN_LANGUAGE_UNKNOWN` names the supported ones. */
export function emitterFor(language: string): Emitter {
  const emitter = (LANGUAGES as readonly string[]).includes(language) ? EMITTERS[language as Language] : undefined;
  if (!emitter) throw new SdkGenError('SDKGEN_LANGUAGE_UNKNOWN', `unknown language '${language}'; supported: ${LANGUAGES.join(', ')}`);
  return emitter;
}
