import type { HttpResponse } from '../http.types';
import type { Page, PaginationBase, ParamsIn } from './pagination.types';
import { withParams } from './with-params';

export interface OffsetPagination<T, R = unknown> extends PaginationBase<T, R> {
  pageSize: number;
  /** Name of the offset parameter, e.g. `sysparm_offset`, `startAt`. Default `offset`. */
  offsetParam?: string;
  /** Name of the page size parameter, e.g. `sysparm_limit`, `maxResults`. Default `limit`. */
  limitParam?: string;
  /** Default 0. */
  startOffset?: number;
  /** Default `query`. */
  paramsIn?: ParamsIn;
  /** The total number of items, when the upstream says; reading stops once it is reached. */
  getTotal?(response: HttpResponse<R>): number | undefined;
}

/**
 * Reads an offset/limit paginated collection page by page. Stops after a page with fewer items
 * than `pageSize`, or once the offset reaches the total that `getTotal` reports.
 */
export async function* paginateOffset<T, R = unknown>(options: OffsetPagination<T, R>): AsyncGenerator<Page<T, R>, void, undefined> {
  const { transport, pageSize, getItems } = options;
  let offset = options.startOffset ?? 0;
  for (;;) {
    const params = { [options.offsetParam ?? 'offset']: offset, [options.limitParam ?? 'limit']: pageSize };
    const response = await transport.request<R>(withParams(options.request, params, options.paramsIn ?? 'query'));
    const items = getItems(response);
    yield { items, response };
    offset += items.length;
    const total = options.getTotal?.(response);
    if (items.length < pageSize || (total !== undefined && offset >= total)) return;
  }
}
