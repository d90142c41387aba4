export { createHttpTransport } from './http-transport';
export { parseRetryAfter } from './retry-after';
export type {
  AuthHook,
  AuthRequest,
  HttpMethod,
  HttpRequest,
  HttpResponse,
  HttpTransport,
  HttpTransportOptions,
  QueryParams,
  RetryOptions,
  TranslateError,
  UpstreamErrorResponse,
} from './http.types';
export { basicAuth } from './auth/basic.auth';
export { bearerToken } from './auth/bearer.auth';
export { apiKeyHeader } from './auth/api-key.auth';
export { oauth2ClientCredentials, oauth2Password, oauth2RefreshToken, type OAuth2Options } from './auth/oauth2.auth';
export type { Page, PaginationBase, ParamsIn } from './pagination/pagination.types';
export { paginateOffset, type OffsetPagination } from './pagination/offset.paginator';
export { paginateCursor, type CursorPagination, type TokenParam, type TokenApplier } from './pagination/cursor.paginator';
export { paginateLinkHeader } from './pagination/link-header.paginator';
export { parseLinkHeader, type WebLink } from './pagination/link-header';
