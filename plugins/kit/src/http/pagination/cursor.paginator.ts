import { UpstreamError } from '../../errors';
import type { HttpRequest, HttpResponse } from '../http.types';
import { safeUrl } from '../redact';
import type { Page, PaginationBase, ParamsIn } from './pagination.types';
import { withParams } from './with-params';

/** Puts the next page's token into a parameter of the query or of the JSON body. */
export interface TokenParam {
  tokenParam: string;
  /** Default `query`. */
  tokenIn?: ParamsIn;
}

/** Builds the next page's request from the first request and the token, for APIs that want it elsewhere (a header, a path). */
export interface TokenApplier {
  applyToken(request: HttpRequest, token: string): HttpRequest;
}

export type CursorPagination<T, R = unknown> = PaginationBase<T, R> & {
  /** The token of the next page; null, undefined or empty when this was the last page. */
  getNextToken(response: HttpResponse<R>): string | null | undefined;
} & (TokenParam | TokenApplier);

/**
 * Reads a cursor (continuation token) paginated collection page by page, until the upstream gives
 * no next token. A token seen before fails the read rather than loop forever.
 */
export async function* paginateCursor<T, R = unknown>(options: CursorPagination<T, R>): AsyncGenerator<Page<T, R>, void, undefined> {
  const next = (token: string): HttpRequest =>
    'applyToken' in options ? options.applyToken(options.request, token) : withParams(options.request, { [options.tokenParam]: token }, options.tokenIn ?? 'query');
  const seen = new Set<string>();
  let request = options.request;
  for (;;) {
    const response = await options.transport.request<R>(request);
    yield { items: options.getItems(response), response };
    const token = options.getNextToken(response);
    if (!token) return;
    if (seen.has(token)) {
      throw new UpstreamError(`${request.method ?? 'GET'} ${safeUrl(response.url)} returned a page token it had returned before; stopping instead of looping`, {
        request: `${request.method ?? 'GET'} ${safeUrl(response.url)}`,
        status: response.status,
      });
    }
    seen.add(token);
    request = next(token);
  }
}
