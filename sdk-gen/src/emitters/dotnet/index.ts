import type { Emitter, EmitInput, GeneratedFile } from '../emitter.types';
import { templateFiles } from '../templates';
import { csApiClass, csApiFile } from './cs-api.emitter';
import { csClientFile } from './cs-client.emitter';
import { csComment, csModelFiles } from './cs-models.emitter';
import { csNamespace, csproj, csReadme } from './cs-package.emitter';
import { CsTypes } from './cs-types';

/** C# (7.2, netstandard2.0) project: client, API classes and runtime in `<Namespace>`, models in `<Namespace>.Models`. */
export const dotnetEmitter: Emitter = {
  language: 'dotnet',
  async emit({ ir, name, rawName }: EmitInput): Promise<GeneratedFile[]> {
    const ns = csNamespace(name, rawName);
    const clientClass = `${ns.split('.').pop()}Client`;
    const runtime = templateFiles('dotnet', { namespace: ns });
    const header = `${csComment(ir).join('\n')}\n`;
    const classes = ['Json', 'IJsonModel', 'ObjectModel', 'EnumModel', 'UnionModel', 'ApiException', 'BadRequestException', 'AuthenticationException', 'PermissionDeniedException', 'NotFoundException', 'ConflictException', 'RateLimitException', 'ServerException', 'ApiConnectionException', 'WebhookVerificationException', 'ClientOptions', 'ClientCredentials', 'HttpTransport', 'Pagination', 'RequestSpec', 'Retry', 'Urls', 'Webhook', 'WireEncoding'];
    const types = new CsTypes(ir, [...classes, ...ir.tags.map(csApiClass), clientClass, ...ns.split('.')]);
    return [
      { path: `${ns}.csproj`, content: csproj(ir, ns) },
      { path: 'README.md', content: csReadme(ir, ns, clientClass) },
      { path: `src/${clientClass}.cs`, content: csClientFile(ir, ns, clientClass) },
      ...ir.tags.map((tag) => ({ path: `src/Api/${csApiClass(tag)}.cs`, content: csApiFile(ir, ns, tag, types) })),
      ...csModelFiles(ir, ns, types).map((f) => ({ path: `src/Models/${f.name}.cs`, content: f.content })),
      ...runtime.map((t) => ({ path: `src/Runtime/${t.name}`, content: header + t.content })),
    ];
  },
};
