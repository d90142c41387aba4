import { bearerToken, createHttpTransport, UpstreamError, z, type HttpMethod, type HttpResponse, type HttpTransportOptions } from '@ihub/plugin-kit';
import type { TemplateConfig } from './config';

/**
 * The only code of this connector that talks to the API. The kit's HTTP transport does the rest:
 * authentication, retries with backoff, Retry-After, timeouts, and turning failures into the
 * kit's errors (401/403 → UpstreamAuthError, 429 → UpstreamThrottledError, …). This file names
 * the API's calls and checks the shape of their answers.
 */

/** An item as the API returns it; unknown fields pass through to the hub. */
export const apiItemSchema = z.looseObject({
  id: z.string().min(1),
  updated_at: z.string().min(1),
  external_id: z.string().nullish(),
});

const apiPageSchema = z.object({
  items: z.array(apiItemSchema),
  next_page_token: z.string().nullish(),
});

export type ApiItem = z.infer<typeof apiItemSchema>;
export type ApiPage = z.infer<typeof apiPageSchema>;

export interface ListItemsQuery {
  /** Items changed at or after this ISO timestamp. */
  updatedSince?: string;
  pageToken?: string;
  limit: number;
  externalId?: string;
}

/** The API's operations, bound to one integration's config. */
export interface TemplateClient {
  /** One page: the hub commits its cursor after each page, so a crashed run resumes there. */
  listItems(query: ListItemsQuery, signal?: AbortSignal): Promise<ApiPage>;
  /** The item, or null when the API answers 404. */
  getItem(id: string, signal?: AbortSignal): Promise<ApiItem | null>;
  createItem(body: Record<string, unknown>, signal?: AbortSignal): Promise<ApiItem>;
  updateItem(id: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<ApiItem>;
}

/** Transport settings the hub does not give: its logger for retry warnings; tests pass a `sleep` that records waits. */
export type ClientOptions = Pick<HttpTransportOptions, 'logger' | 'sleep'>;

export function createClient(config: TemplateConfig, options: ClientOptions = {}): TemplateClient {
  const http = createHttpTransport({
    ...options,
    name: 'template',
    baseURL: config.endpoint,
    auth: bearerToken(config.apiKey),
    headers: { accept: 'application/json' },
    // Retries, backoff and Retry-After use the kit's defaults; tune them here with `retry: {...}`.
  });
  const itemPath = (id: string): string => `/items/${encodeURIComponent(id)}`;

  return {
    listItems: async (query, signal) => {
      const params = { updated_since: query.updatedSince, page_token: query.pageToken, limit: query.limit, external_id: query.externalId };
      return parse(apiPageSchema, 'GET', await http.get('/items', { params, signal }));
    },
    getItem: async (id, signal) => {
      try {
        return parse(apiItemSchema, 'GET', await http.get(itemPath(id), { signal }));
      } catch (err) {
        // For `get`, an unknown id is an answer ("no such record"), not a failure.
        if (err instanceof UpstreamError && err.status === 404) return null;
        throw err;
      }
    },
    createItem: async (body, signal) => parse(apiItemSchema, 'POST', await http.post('/items', body, { signal })),
    updateItem: async (id, body, signal) => parse(apiItemSchema, 'PATCH', await http.patch(itemPath(id), body, { signal })),
  };
}

/** The answer's body checked against `schema`, so a surprising answer fails with a clear message. */
function parse<T>(schema: z.ZodType<T>, method: HttpMethod, response: HttpResponse): T {
  const parsed = schema.safeParse(response.data);
  if (parsed.success) return parsed.data;
  // Without the query string, where values worth keeping out of errors and logs may travel.
  const { origin, pathname } = new URL(response.url);
  const request = `${method} ${origin}${pathname}`;
  throw new UpstreamError(`template: ${request} answered with an unexpected body: ${z.prettifyError(parsed.error)}`, { request, status: response.status });
}
