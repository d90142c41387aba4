/** Where requests go: the API base from the caller's base URL and the document's server URL. */

/** The caller's URL, with the server's path appended unless it already ends with it; or the server URL when absolute. */
export function resolveBaseUrl(baseUrl: string | undefined, serverUrl: string): string {
  const absolute = serverUrl.includes('://');
  if (!baseUrl) {
    if (!absolute) throw new Error(`baseUrl is required: the API's server URL (${serverUrl}) is relative`);
    return serverUrl.replace(/\/+$/, '');
  }
  const base = baseUrl.replace(/\/+$/, '');
  const serverPath = absolute ? '' : serverUrl.replace(/\/+$/, '');
  return !serverPath || base.endsWith(serverPath) ? base : base + serverPath;
}

export function resolveTokenUrl(apiBase: string, tokenUrl: string, relativeTo: 'absolute' | 'api' | 'origin'): string {
  if (relativeTo === 'absolute') return tokenUrl;
  if (relativeTo === 'api') return apiBase + tokenUrl;
  return new URL(apiBase).origin + tokenUrl;
}
