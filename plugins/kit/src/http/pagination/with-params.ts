import type { HttpRequest } from '../http.types';
import type { ParamsIn } from './pagination.types';

/** A copy of `request` with paging parameters added to its query or to its JSON body. */
export function withParams(request: HttpRequest, params: Record<string, string | number>, where: ParamsIn): HttpRequest {
  if (where === 'query') return { ...request, params: { ...request.params, ...params } };
  const body = request.data ?? {};
  if (typeof body !== 'object' || Array.isArray(body) || body instanceof URLSearchParams || Buffer.isBuffer(body)) {
    throw new TypeError(`paging parameters go into the body, so the request body must be a plain object (request ${request.method ?? 'GET'} ${request.url})`);
  }
  return { ...request, data: { ...body, ...params } };
}
