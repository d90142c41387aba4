import type { Auth } from './ir.types';
import { str, type Json } from './json';
import { isObject } from './ref-resolver';

/**
 * The credentials a client can send, from the document's security schemes: an API key (as a
 * bearer token, or where the first `apiKey` scheme says) and the first OAuth 2.0
 * client-credentials flow. Schemes a standard-library client cannot drive (other OAuth flows,
 * OpenID Connect, mutual TLS) are reported, not emitted.
 */
export function readAuth(doc: Json, serverUrl: string, warnings: string[]): Auth {
  const components = isObject(doc.components) ? doc.components : {};
  const schemes = isObject(components.securitySchemes) ? components.securitySchemes : {};
  const auth: Auth = {};
  for (const [name, scheme] of Object.entries(schemes)) {
    if (!isObject(scheme)) continue;
    const type = str(scheme.type);
    // Bearer is how an API key or access token is sent anyway.
    if (type === 'http' && str(scheme.scheme)?.toLowerCase() === 'bearer') continue;
    if (type === 'apiKey' && ['header', 'query', 'cookie'].includes(String(scheme.in)) && typeof scheme.name === 'string') {
      auth.apiKey ??= { name: scheme.name, in: scheme.in as 'header' | 'query' | 'cookie' };
      continue;
    }
    const flow = type === 'oauth2' && isObject(scheme.flows) && isObject(scheme.flows.clientCredentials) ? scheme.flows.clientCredentials : undefined;
    if (flow && typeof flow.tokenUrl === 'string') {
      auth.oauth2 ??= { ...tokenUrl(flow.tokenUrl, serverUrl), scopes: Object.keys(isObject(flow.scopes) ? flow.scopes : {}) };
      continue;
    }
    warnings.push(`security scheme '${name}' (${type ?? 'no type'}) is not supported by the generated clients; send its credentials yourself`);
  }
  return auth;
}

/**
 * Where the token endpoint is, relative to what the client knows at run time: an absolute URL as
 * is; a path under the server's path relative to the API base (so a proxy prefix carries over);
 * any other path relative to the origin.
 */
function tokenUrl(url: string, serverUrl: string): Pick<NonNullable<Auth['oauth2']>, 'tokenUrl' | 'tokenUrlBase'> {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return { tokenUrl: url, tokenUrlBase: 'absolute' };
  const serverPath = /^[a-z][a-z0-9+.-]*:/i.test(serverUrl) ? new URL(serverUrl).pathname.replace(/\/$/, '') : serverUrl.replace(/\/$/, '');
  const path = url.startsWith('/') ? url : `/${url}`;
  if (serverPath && path.startsWith(`${serverPath}/`)) return { tokenUrl: path.slice(serverPath.length), tokenUrlBase: 'api' };
  return { tokenUrl: path, tokenUrlBase: 'origin' };
}
