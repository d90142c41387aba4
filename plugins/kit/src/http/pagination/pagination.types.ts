import type { HttpRequest, HttpResponse, HttpTransport } from '../http.types';

/** One page of a paginated read: its items and the answer they came from. */
export interface Page<T, R = unknown> {
  items: T[];
  response: HttpResponse<R>;
}

/** What every paginator needs: where to send the first request and how to find the items in an answer. */
export interface PaginationBase<T, R = unknown> {
  transport: HttpTransport;
  /** The first page's request; the paginator adds its own parameters to it. */
  request: HttpRequest;
  getItems(response: HttpResponse<R>): T[];
}

/** Where a paginator puts its parameters: the query string, or the fields of a JSON body (search APIs that POST). */
export type ParamsIn = 'query' | 'body';
