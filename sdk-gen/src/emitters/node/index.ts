import type { Emitter, EmitInput, GeneratedFile } from '../emitter.types';
import { headerLines } from '../header';
import { templateFiles } from '../templates';
import { pascal } from '../../ir/words';
import { tsApiModule, tsApiSource, tsOperations, tsParamsSource } from './ts-api.emitter';
import { tsClientSource, tsIndexSource } from './ts-client.emitter';
import { tsModelsSource } from './ts-models.emitter';
import { tsModelNames } from './ts-names';
import { npmName, packageJson, tsconfigJson, tsReadme } from './ts-package.emitter';
import { tsSchemaSource } from './ts-schema.emitter';
import { tsDoc } from './ts-syntax';

/** Node 18+ TypeScript package: types from openapi-typescript, a class per tag, and the runtime in `src/runtime`. */
export const nodeEmitter: Emitter = {
  language: 'node',
  async emit({ ir, name, rawName, document }: EmitInput): Promise<GeneratedFile[]> {
    const pkg = npmName(name, rawName);
    const clientClass = `${pascal(name)}Client`;
    const header = tsDoc(headerLines(ir).join('\n')).join('\n');
    const names = tsModelNames(ir);
    const ops = tsOperations(ir, names);
    return [
      { path: 'package.json', content: packageJson(ir, pkg) },
      { path: 'tsconfig.json', content: tsconfigJson() },
      { path: 'README.md', content: tsReadme(ir, pkg, clientClass) },
      { path: 'src/index.ts', content: tsIndexSource(ir, clientClass) },
      { path: 'src/client.ts', content: tsClientSource(ir, clientClass) },
      { path: 'src/schema.ts', content: `${header}\n${await tsSchemaSource(ir, document)}` },
      { path: 'src/models.ts', content: tsModelsSource(ir, names) },
      { path: 'src/params.ts', content: tsParamsSource(ir, ops) },
      ...[...ops].map(([tag, tagOps]) => ({ path: `src/api/${tsApiModule(tag)}.ts`, content: tsApiSource(ir, tag, tagOps, names) })),
      ...templateFiles('node').map((t) => ({ path: `src/runtime/${t.name}`, content: `${header}\n${t.content}` })),
    ];
  },
};
