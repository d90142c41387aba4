import type { ApiIr } from '../../ir/ir.types';
import { CodeWriter } from '../code-writer';
import { csApiClass } from './cs-api.emitter';
import { csComment } from './cs-models.emitter';
import { csDoc, csMember, csString } from './cs-syntax';

/** The client class: one property per tag, all sharing one transport. */
export function csClientFile(ir: ApiIr, ns: string, clientClass: string): string {
  const { auth } = ir;
  const w = new CodeWriter();
  w.each(csComment(ir));
  w.line(`namespace ${ns}`);
  w.line('{');
  w.indent(() => {
    w.each(csDoc([`Client of ${ir.title} ${ir.version}.`, 'Authenticate with an API key or OAuth 2.0 client credentials (see ClientOptions); calls are retried on failed connections, 429 and 5xx answers, honouring Retry-After.'].join('\n\n')));
    w.line(`public sealed class ${clientClass}`);
    w.line('{');
    w.indent(() => {
      w.line(`public const string ServerUrl = ${csString(ir.serverUrl)};`);
      w.line();
      w.line(`public ${clientClass}(ClientOptions options)`);
      w.line('{');
      w.indent(() => {
        // Locals end in `_` so no tag property's name can shadow them.
        w.line('var apiBase_ = Urls.ResolveBaseUrl(options.BaseUrl, ServerUrl);');
        const tokenUrl = auth.oauth2 ? `options.TokenUrl ?? Urls.ResolveTokenUrl(apiBase_, ${csString(auth.oauth2.tokenUrl)}, ${csString(auth.oauth2.tokenUrlBase)})` : 'options.TokenUrl';
        const apiKey = auth.apiKey ? `${csString(auth.apiKey.name)}, ${csString(auth.apiKey.in)}` : 'null, null';
        w.line(`var transport_ = new HttpTransport(options, apiBase_, ${tokenUrl}, ${apiKey}, ${csString(`${clientClass}/dotnet ${ir.version}`)});`);
        for (const tag of ir.tags) w.line(`${csMember(tag.words)} = new ${csApiClass(tag)}(transport_);`);
      });
      w.line('}');
      for (const tag of ir.tags) {
        w.line();
        w.each(csDoc(`Operations tagged ${tag.name}.`));
        w.line(`public ${csApiClass(tag)} ${csMember(tag.words)} { get; private set; }`);
      }
    });
    w.line('}');
  });
  w.line('}');
  return w.toString();
}
