/** One link of an RFC 8288 `Link` header. */
export interface WebLink {
  /** The target, resolved against the base URL when one was given. */
  href: string;
  /** Relation types, lower-cased (`rel="next last"` gives both). */
  rel: string[];
  /** Every parameter by lower-cased name, unquoted; the first occurrence wins (RFC 8288 §3.3). */
  params: Record<string, string>;
}

const WS = new Set([' ', '\t']);
const TOKEN_END = new Set([' ', '\t', ';', ',', '=']);

/**
 * Parses a `Link` header (RFC 8288 §3): several comma-separated links, parameters as tokens or
 * quoted strings (commas and semicolons inside quotes are kept), relative targets resolved against
 * `baseUrl`. A malformed link is skipped up to the next comma; the others are still returned.
 */
export function parseLinkHeader(header: string, baseUrl?: string): WebLink[] {
  const links: WebLink[] = [];
  let i = 0;
  const skipWs = (): void => {
    while (i < header.length && WS.has(header[i])) i++;
  };
  const readQuoted = (): string => {
    let out = '';
    for (i++; i < header.length && header[i] !== '"'; i++) {
      if (header[i] === '\\') i++;
      if (i < header.length) out += header[i];
    }
    i++;
    return out;
  };
  const readToken = (): string => {
    const start = i;
    while (i < header.length && !TOKEN_END.has(header[i])) i++;
    return header.slice(start, i);
  };
  const skipToNextLink = (): void => {
    while (i < header.length && header[i] !== ',') {
      if (header[i] === '"') readQuoted();
      else i++;
    }
    i++;
  };

  while (i < header.length) {
    skipWs();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const close = header.indexOf('>', i);
    if (header[i] !== '<' || close < 0) {
      skipToNextLink();
      continue;
    }
    const target = header.slice(i + 1, close).trim();
    i = close + 1;
    const params: Record<string, string> = {};
    let malformed = false;
    for (;;) {
      skipWs();
      if (i >= header.length) break;
      if (header[i] === ',') {
        i++;
        break;
      }
      if (header[i] !== ';') {
        malformed = true;
        skipToNextLink();
        break;
      }
      i++;
      skipWs();
      const name = readToken().toLowerCase();
      skipWs();
      let value = '';
      if (header[i] === '=') {
        i++;
        skipWs();
        value = header[i] === '"' ? readQuoted() : readToken();
      }
      if (name && !(name in params)) params[name] = value;
    }
    if (malformed) continue;
    const href = resolve(target, baseUrl);
    if (href !== undefined) links.push({ href, rel: (params.rel ?? '').toLowerCase().split(/\s+/).filter(Boolean), params });
  }
  return links;
}

function resolve(target: string, baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return target;
  try {
    return new URL(target, baseUrl).href;
  } catch {
    return undefined;
  }
}
