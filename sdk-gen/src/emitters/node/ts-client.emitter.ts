import type { ApiIr } from '../../ir/ir.types';
import { CodeWriter } from '../code-writer';
import { headerLines } from '../header';
import { tsApiClass, tsApiModule } from './ts-api.emitter';
import { tsDoc, tsIdent, tsString } from './ts-syntax';

/** `client.ts`: the options, and the client with one property per tag. */
export function tsClientSource(ir: ApiIr, clientClass: string): string {
  const { auth } = ir;
  const w = new CodeWriter('  ');
  w.each(tsDoc(headerLines(ir).join('\n')));
  w.line('import { Transport } from "./runtime/transport";');
  w.line('import { resolveBaseUrl, resolveTokenUrl } from "./runtime/urls";');
  for (const tag of ir.tags) w.line(`import { ${tsApiClass(tag)} } from "./api/${tsApiModule(tag)}";`);
  w.line();
  w.line(`export const SERVER_URL = ${tsString(ir.serverUrl)};`);
  w.line();
  w.line('export interface ClientOptions {');
  w.indent(() => {
    const option = (text: string, line: string) => w.each(tsDoc(text)).line(line);
    option('Where the API is, e.g. `https://hub.example.com`; the server path of the API document is appended unless the URL ends with it.', 'baseUrl?: string;');
    option('An API key; sent as a bearer token unless the API declares an API key header, query parameter or cookie.', 'apiKey?: string;');
    option('OAuth 2.0 client credentials: the client fetches an access token and renews it before it expires.', 'clientId?: string;');
    w.line('clientSecret?: string;');
    option('Scopes to ask the token endpoint for; all of the client\'s when absent.', 'scopes?: string[];');
    option('Token endpoint, when it is not the one the API document names.', 'tokenUrl?: string;');
    option('Per attempt; default 30 000.', 'timeoutMs?: number;');
    option('Retries of failed connections, 429 and 5xx answers, with exponential backoff honouring Retry-After; default 3.', 'maxRetries?: number;');
    option('A fetch implementation; default the global one (Node 18+).', 'fetch?: typeof fetch;');
  });
  w.line('}');
  w.line();
  w.each(tsDoc(`Client of ${ir.title} ${ir.version}.`));
  w.line(`export class ${clientClass} {`);
  w.indent(() => {
    for (const tag of ir.tags) w.line(`readonly ${tsIdent(tag.words)}: ${tsApiClass(tag)};`);
    w.line();
    w.line('constructor(options: ClientOptions = {}) {');
    w.indent(() => {
      w.line('const apiBase = resolveBaseUrl(options.baseUrl, SERVER_URL);');
      w.line('const transport = new Transport({');
      w.indent(() => {
        w.line('baseUrl: apiBase,');
        w.line('apiKey: options.apiKey,');
        if (auth.apiKey) w.line(`apiKeyName: ${tsString(auth.apiKey.name)}, apiKeyIn: ${tsString(auth.apiKey.in)},`);
        w.line(`tokenUrl: options.tokenUrl${auth.oauth2 ? ` ?? resolveTokenUrl(apiBase, ${tsString(auth.oauth2.tokenUrl)}, ${tsString(auth.oauth2.tokenUrlBase)})` : ''},`);
        w.line('clientId: options.clientId,');
        w.line('clientSecret: options.clientSecret,');
        w.line('scopes: options.scopes,');
        w.line('timeoutMs: options.timeoutMs ?? 30_000,');
        w.line('maxRetries: options.maxRetries ?? 3,');
        w.line(`userAgent: ${tsString(`${clientClass}/node ${ir.version}`)},`);
        w.line('fetch: options.fetch ?? globalThis.fetch,');
      });
      w.line('});');
      for (const tag of ir.tags) w.line(`this.${tsIdent(tag.words)} = new ${tsApiClass(tag)}(transport);`);
    });
    w.line('}');
  });
  w.line('}');
  return w.toString();
}

export function tsIndexSource(ir: ApiIr, clientClass: string): string {
  return [
    ...tsDoc(headerLines(ir).join('\n')),
    `export { ${clientClass}, SERVER_URL, type ClientOptions } from "./client";`,
    'export * from "./runtime/errors";',
    'export { Webhook, WebhookVerificationError } from "./runtime/webhooks";',
    'export * as models from "./models";',
    'export * as params from "./params";',
    'export type { paths, components, operations } from "./schema";',
    '',
  ].join('\n');
}
