import type { Emitter, EmitInput, GeneratedFile } from '../emitter.types';
import { headerLines } from '../header';
import { templateFiles } from '../templates';
import { pascal } from '../../ir/words';
import { pyApiModule, pyApiModuleSource } from './py-api.emitter';
import { pyClientSource, pyInitSource } from './py-client.emitter';
import { pyModels } from './py-models.emitter';
import { pyproject, pyReadme } from './py-package.emitter';
import { pyComment, pyIdent } from './py-syntax';

/** Python 3.9+ package: `<pkg>/` with the client, models, one module per tag, and the runtime. */
export const pythonEmitter: Emitter = {
  language: 'python',
  async emit({ ir, name }: EmitInput): Promise<GeneratedFile[]> {
    const pkg = pyIdent(name);
    const distName = name.join('-');
    const clientClass = `${pascal(name)}Client`;
    const header = headerLines(ir).flatMap(pyComment).join('\n');
    const files: GeneratedFile[] = [
      { path: 'pyproject.toml', content: pyproject(ir, distName, pkg) },
      { path: 'README.md', content: pyReadme(ir, distName, pkg, clientClass) },
      { path: `${pkg}/__init__.py`, content: pyInitSource(ir, clientClass) },
      { path: `${pkg}/_client.py`, content: pyClientSource(ir, clientClass) },
      { path: `${pkg}/models.py`, content: pyModels(ir) },
      { path: `${pkg}/py.typed`, content: '' },
      { path: `${pkg}/api/__init__.py`, content: `${header}\n` },
      ...ir.tags.map((tag) => ({ path: `${pkg}/api/${pyApiModule(tag)}.py`, content: pyApiModuleSource(ir, tag) })),
      ...templateFiles('python').map((t) => ({ path: `${pkg}/${t.name}`, content: `${header}\n${t.content}` })),
    ];
    return files;
  },
};
