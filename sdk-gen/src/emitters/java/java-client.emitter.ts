import type { ApiIr } from '../../ir/ir.types';
import { CodeWriter } from '../code-writer';
import { javaApiClass } from './java-api.emitter';
import { javaDoc, javaHeader, javaIdent, javaString } from './java-syntax';

/** The client class: one accessor per tag, all sharing one transport. */
export function javaClientFile(ir: ApiIr, pkg: string, clientClass: string): string {
  const { auth } = ir;
  const w = new CodeWriter();
  w.each(javaHeader(ir));
  w.line(`package ${pkg};`);
  w.line();
  w.each(javaDoc([`Client of ${ir.title} ${ir.version}.`, 'Authenticate with an API key or OAuth 2.0 client credentials (see ClientOptions); calls are retried on failed connections, 429 and 5xx answers, honouring Retry-After.'].join('\n\n')));
  w.line(`public final class ${clientClass} {`);
  w.indent(() => {
    w.line(`public static final String SERVER_URL = ${javaString(ir.serverUrl)};`);
    w.line();
    for (const tag of ir.tags) w.line(`private final ${javaApiClass(tag)} ${javaIdent(tag.words)};`);
    w.line();
    w.line(`public ${clientClass}(ClientOptions options) {`);
    w.indent(() => {
      // Locals end in `$` so no tag accessor's name can shadow them.
      w.line('String apiBase$ = Urls.resolveBaseUrl(options.baseUrl, SERVER_URL);');
      const tokenUrl = auth.oauth2 ? `options.tokenUrl != null ? options.tokenUrl : Urls.resolveTokenUrl(apiBase$, ${javaString(auth.oauth2.tokenUrl)}, ${javaString(auth.oauth2.tokenUrlBase)})` : 'options.tokenUrl';
      const apiKey = auth.apiKey ? `${javaString(auth.apiKey.name)}, ${javaString(auth.apiKey.in)}` : 'null, null';
      w.line(`HttpTransport transport$ = new HttpTransport(options, apiBase$, ${tokenUrl}, ${apiKey}, ${javaString(`${clientClass}/java ${ir.version}`)});`);
      for (const tag of ir.tags) w.line(`this.${javaIdent(tag.words)} = new ${javaApiClass(tag)}(transport$);`);
    });
    w.line('}');
    for (const tag of ir.tags) {
      w.line();
      w.each(javaDoc(`Operations tagged ${tag.name}.`));
      w.line(`public ${javaApiClass(tag)} ${javaIdent(tag.words)}() {`);
      w.indent(() => w.line(`return this.${javaIdent(tag.words)};`));
      w.line('}');
    }
  });
  w.line('}');
  return w.toString();
}
