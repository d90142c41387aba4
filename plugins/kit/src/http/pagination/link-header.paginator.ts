import { UpstreamError } from '../../errors';
import { safeUrl } from '../redact';
import { parseLinkHeader } from './link-header';
import type { Page, PaginationBase } from './pagination.types';

/**
 * Reads a collection paginated with `Link: <url>; rel="next"` headers (GitHub, Okta, many REST
 * APIs), following each next link, resolved against the URL of the page that named it, until a
 * page has none. A link to a page already read fails the read rather than loop forever.
 */
export async function* paginateLinkHeader<T, R = unknown>(options: PaginationBase<T, R>): AsyncGenerator<Page<T, R>, void, undefined> {
  const seen = new Set<string>();
  let request = options.request;
  for (;;) {
    const response = await options.transport.request<R>(request);
    seen.add(response.url);
    yield { items: options.getItems(response), response };
    const header = response.headers.link;
    const next = header === undefined ? undefined : parseLinkHeader(header, response.url).find((l) => l.rel.includes('next'));
    if (!next) return;
    if (seen.has(next.href)) {
      const described = `${request.method ?? 'GET'} ${safeUrl(response.url)}`;
      throw new UpstreamError(`${described} links to a page already read as next; stopping instead of looping`, { request: described, status: response.status });
    }
    // The next link carries the whole query, so the first request's parameters must not be added again.
    request = { ...options.request, url: next.href, params: undefined };
  }
}
