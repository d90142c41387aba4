import type { Emitter, EmitInput, GeneratedFile } from '../emitter.types';
import { templateFiles } from '../templates';
import { pascal } from '../../ir/words';
import { javaApiClass, javaApiFile } from './java-api.emitter';
import { javaClientFile } from './java-client.emitter';
import { javaModelFiles } from './java-models.emitter';
import { javaPackage, javaReadme, pomXml } from './java-package.emitter';
import { javaHeader } from './java-syntax';
import { JavaTypes } from './java-types';

/** Java 11+ Maven project: client, one class per tag and the runtime in `<package>`, models in `<package>.models`. */
export const javaEmitter: Emitter = {
  language: 'java',
  async emit({ ir, name, rawName }: EmitInput): Promise<GeneratedFile[]> {
    const pkg = javaPackage(name, rawName);
    const dir = `src/main/java/${pkg.split('.').join('/')}`;
    const clientClass = `${pascal(name)}Client`;
    const runtime = templateFiles('java', { package: pkg });
    const header = `${javaHeader(ir).join('\n')}\n`;
    const types = new JavaTypes(ir, [...runtime.map((t) => t.name.replace(/\.java$/, '')), ...ir.tags.map(javaApiClass), clientClass]);
    const artifactId = name.join('-');
    return [
      { path: 'pom.xml', content: pomXml(ir, pkg, artifactId) },
      { path: 'README.md', content: javaReadme(ir, pkg, artifactId, clientClass) },
      { path: `${dir}/${clientClass}.java`, content: javaClientFile(ir, pkg, clientClass) },
      ...ir.tags.map((tag) => ({ path: `${dir}/${javaApiClass(tag)}.java`, content: javaApiFile(ir, pkg, tag, types) })),
      ...javaModelFiles(ir, pkg, types).map((f) => ({ path: `${dir}/models/${f.name}.java`, content: f.content })),
      ...runtime.map((t) => ({ path: `${dir}/${t.name}`, content: header + t.content })),
    ];
  },
};
