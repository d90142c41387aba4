import { basicAuth, bearerToken, createHttpTransport, UpstreamError, type HttpRequest, type HttpTransport, type HttpTransportOptions, type Logger, type z } from '@ihub/plugin-kit';
import { apiBaseUrl, type JiraConfig } from './config';
import {
  changelogPageSchema,
  commentListSchema,
  commentPageSchema,
  createdIssueSchema,
  myselfSchema,
  searchPageSchema,
  transitionsSchema,
  type CommentPage,
  type Myself,
  type SearchPage,
  type Transition,
} from './jira-api.schema';
import { translateJiraError } from './translate-error';

/**
 * The only code of this connector that talks to Jira: REST API v3 over the kit's HTTP transport
 * (auth, retries with backoff, Retry-After, error translation). Answers are checked against the
 * envelope they must have; a body that is not (a page cut short, a proxy's HTML) fails the call
 * as a retryable UpstreamError instead of reading as an empty page.
 */

export interface SearchRequest {
  jql: string;
  maxResults: number;
  fields: string[];
  expand?: string[];
  properties?: string[];
  nextPageToken?: string;
}

/** Test seams of the HTTP transport: waits, jitter and the clock. */
export type TransportOverrides = Pick<HttpTransportOptions, 'sleep' | 'random' | 'now'>;

/** A Jira client; `withSignal` gives one whose calls an operation's AbortSignal cancels. */
export class JiraClient {
  constructor(
    private readonly http: HttpTransport,
    // Shared by every client of one connection: the user's time zone is asked for once.
    private readonly shared: { timeZone?: Promise<string> },
    private readonly signal?: AbortSignal,
  ) {}

  withSignal(signal: AbortSignal): JiraClient {
    return new JiraClient(this.http, this.shared, signal);
  }

  async myself(): Promise<Myself> {
    return this.call('GET', '/myself', myselfSchema, 'the current user');
  }

  /** The time zone JQL dates are read in: the authenticated user's (UTC when Jira does not say). */
  userTimeZone(): Promise<string> {
    this.shared.timeZone ??= this.myself().then(
      (me) => me.timeZone ?? 'UTC',
      (err: unknown) => {
        this.shared.timeZone = undefined;
        throw err;
      },
    );
    return this.shared.timeZone;
  }

  /** One page of the enhanced search. GET, so the transport may retry it after a 5xx. */
  async search(request: SearchRequest): Promise<SearchPage> {
    const page = await this.call('GET', '/search/jql', searchPageSchema, 'a search page', {
      params: {
        jql: request.jql,
        maxResults: request.maxResults,
        fields: request.fields.join(','),
        expand: request.expand?.join(','),
        properties: request.properties?.join(','),
        nextPageToken: request.nextPageToken,
      },
    });
    const nextPageToken = page.nextPageToken ?? undefined;
    return { issues: page.issues, nextPageToken, isLast: page.isLast ?? nextPageToken === undefined };
  }

  async getIssue(idOrKey: string, fields: string[], expand: string[] = []): Promise<unknown> {
    return (await this.request({ method: 'GET', url: `/issue/${encodeURIComponent(idOrKey)}`, params: { fields: fields.join(','), expand: expand.join(',') || undefined } })).data;
  }

  async createIssue(body: Record<string, unknown>): Promise<{ id: string; key: string }> {
    return this.call('POST', '/issue', createdIssueSchema, 'the created issue', { data: body });
  }

  async editIssue(idOrKey: string, body: Record<string, unknown>): Promise<void> {
    await this.request({ method: 'PUT', url: `/issue/${encodeURIComponent(idOrKey)}`, data: body });
  }

  async deleteIssue(idOrKey: string): Promise<void> {
    await this.request({ method: 'DELETE', url: `/issue/${encodeURIComponent(idOrKey)}` });
  }

  async transitions(idOrKey: string): Promise<Transition[]> {
    return (await this.call('GET', `/issue/${encodeURIComponent(idOrKey)}/transitions`, transitionsSchema, 'the transitions')).transitions;
  }

  async transition(idOrKey: string, transitionId: string): Promise<void> {
    await this.request({ method: 'POST', url: `/issue/${encodeURIComponent(idOrKey)}/transitions`, data: { transition: { id: transitionId } } });
  }

  /** Comments of an issue, oldest first, from `startAt`. */
  async comments(issueIdOrKey: string, startAt: number, maxResults: number): Promise<CommentPage> {
    return this.call('GET', `/issue/${encodeURIComponent(issueIdOrKey)}/comment`, commentPageSchema, 'a comment page', { params: { startAt, maxResults, orderBy: 'created' } });
  }

  async getComment(issueId: string, commentId: string): Promise<unknown> {
    return (await this.request({ method: 'GET', url: `/issue/${encodeURIComponent(issueId)}/comment/${encodeURIComponent(commentId)}` })).data;
  }

  async addComment(issueIdOrKey: string, body: Record<string, unknown>): Promise<unknown> {
    return (await this.request({ method: 'POST', url: `/issue/${encodeURIComponent(issueIdOrKey)}/comment`, data: body })).data;
  }

  async editComment(issueId: string, commentId: string, body: Record<string, unknown>): Promise<unknown> {
    return (await this.request({ method: 'PUT', url: `/issue/${encodeURIComponent(issueId)}/comment/${encodeURIComponent(commentId)}`, data: body })).data;
  }

  async deleteComment(issueId: string, commentId: string): Promise<void> {
    await this.request({ method: 'DELETE', url: `/issue/${encodeURIComponent(issueId)}/comment/${encodeURIComponent(commentId)}` });
  }

  /** Comments by id (at most 1000), with their properties. */
  async commentsWithProperties(ids: string[]): Promise<unknown[]> {
    const list = await this.call('POST', '/comment/list', commentListSchema, 'the comment list', { params: { expand: 'properties' }, data: { ids: ids.map(Number) } });
    return list.values;
  }

  /** One page of an issue's full changelog, oldest first. */
  async changelog(idOrKey: string, startAt: number): Promise<{ values: unknown[]; isLast: boolean }> {
    const page = await this.call('GET', `/issue/${encodeURIComponent(idOrKey)}/changelog`, changelogPageSchema, 'a changelog page', { params: { startAt, maxResults: 100 } });
    return { values: page.values, isLast: page.isLast ?? (page.total === undefined || startAt + page.values.length >= page.total) };
  }

  private request(request: HttpRequest) {
    return this.http.request<unknown>({ ...request, signal: this.signal });
  }

  private async call<S extends z.ZodType>(method: HttpRequest['method'], url: string, schema: S, what: string, extra: Omit<HttpRequest, 'method' | 'url'> = {}): Promise<z.output<S>> {
    const response = await this.request({ ...extra, method, url });
    const parsed = schema.safeParse(response.data);
    if (parsed.success) return parsed.data;
    const request = `${method} ${response.url.split('?')[0]}`;
    throw new UpstreamError(`jira: ${request} answered ${response.status} with a body that is not ${what}; it may have been cut short`, { request, status: response.status }, { retryable: true });
  }
}

/** Opens a client for `config`: basic auth on the site, or an OAuth 2.0 bearer token through the API gateway. */
export function createJiraClient(config: JiraConfig, logger: Logger, overrides: TransportOverrides = {}): JiraClient {
  const { auth } = config;
  const http = createHttpTransport({
    name: 'jira',
    baseURL: apiBaseUrl(config),
    timeoutMs: config.timeoutMs,
    headers: { Accept: 'application/json' },
    auth: auth.type === 'basic' ? basicAuth(auth.email, auth.apiToken) : bearerToken(auth.accessToken),
    translateError: translateJiraError(auth.type, overrides.now),
    secrets: config.webhookSecret ? [config.webhookSecret] : [],
    logger,
    ...overrides,
  });
  return new JiraClient(http, {});
}
