/** The only code that talks HTTP: builds requests, authenticates, retries, and turns answers into values or errors. */
import { randomUUID } from 'node:crypto';
import { ClientCredentials } from './auth';
import { expandPath, formBody, multipartBody, queryString, text, type QueryParam } from './encoding';
import { ApiConnectionError, errorFor } from './errors';
import { paginate } from './pagination';
import { backoffDelay, isRetryableStatus, MAX_RETRY_AFTER_MS, retryAfterMs, sleep } from './retry';

export interface TransportSettings {
  baseUrl: string;
  apiKey?: string;
  /** Where the API key goes when the document declares an apiKey scheme; otherwise it is a bearer token. */
  apiKeyName?: string;
  apiKeyIn?: 'header' | 'query' | 'cookie';
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  timeoutMs: number;
  maxRetries: number;
  userAgent: string;
  fetch: typeof fetch;
}

export interface RequestSpec {
  method: string;
  path: string;
  pathParams?: Record<string, unknown>;
  query?: QueryParam[];
  headers?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  body?: unknown;
  bodyEncoding?: 'json' | 'form' | 'multipart' | 'binary' | 'text';
  mediaType?: string;
  response: 'json' | 'binary' | 'text' | 'empty';
  authenticated?: boolean;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** What this transport hands fetch as a body. */
type Body = string | FormData | Blob | Uint8Array;

interface Answer {
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array;
}

export class Transport {
  private readonly oauth: ClientCredentials | undefined;

  constructor(private readonly settings: TransportSettings) {
    if (settings.clientId && settings.clientSecret) {
      if (!settings.tokenUrl) throw new Error('client credentials need a token URL: the API declares no OAuth 2.0 client-credentials flow');
      this.oauth = new ClientCredentials(settings.clientId, settings.clientSecret, settings.scopes ?? [], (form, headers) => this.postTokenForm(form, headers));
    }
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    const s = this.settings;
    const query = [...(spec.query ?? [])];
    const headers: Record<string, string> = { 'User-Agent': s.userAgent, Accept: spec.response === 'json' ? 'application/json' : '*/*' };
    for (const [name, value] of Object.entries(spec.headers ?? {})) if (value !== undefined && value !== null) headers[name] = Array.isArray(value) ? value.map(text).join(',') : text(value);
    const cookies: Record<string, string> = {};
    for (const [name, value] of Object.entries(spec.cookies ?? {})) if (value !== undefined && value !== null) cookies[name] = text(value);
    const authenticated = spec.authenticated !== false;
    if (authenticated && s.apiKey && !this.oauth) {
      if (s.apiKeyIn === 'query') query.push([s.apiKeyName!, s.apiKey, 'form']);
      else if (s.apiKeyIn === 'cookie') cookies[s.apiKeyName!] = s.apiKey;
      else if (s.apiKeyIn === 'header') headers[s.apiKeyName!] = s.apiKey;
      else headers.Authorization = `Bearer ${s.apiKey}`;
    }
    if (Object.keys(cookies).length > 0) headers.Cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join('; ');
    const body = encodeBody(spec, headers);
    // One key for every attempt of an unsafe call, so a server that saw an earlier attempt can tell it is the same call.
    if (!SAFE_METHODS.includes(spec.method) && s.maxRetries > 0 && !Object.keys(headers).some((k) => k.toLowerCase() === 'idempotency-key')) headers['Idempotency-Key'] = randomUUID();
    const qs = queryString(query);
    const url = `${s.baseUrl}${expandPath(spec.path, spec.pathParams ?? {})}${qs ? `?${qs}` : ''}`;
    const answer = await this.send(spec.method, url, headers, body, authenticated && this.oauth !== undefined);
    return decode(answer, spec.response) as T;
  }

  paginate<Item>(fetchPage: (cursor: string | undefined) => Promise<unknown>, cursor: string | undefined, itemsField: string, nextField: string): AsyncGenerator<Item, void, undefined> {
    return paginate<Item>(fetchPage, cursor, itemsField, nextField);
  }

  private async send(method: string, url: string, headers: Record<string, string>, body: Body | undefined, oauth: boolean): Promise<Answer> {
    let refreshed = false;
    for (let attempt = 0; ; ) {
      if (oauth) headers.Authorization = `Bearer ${await this.oauth!.get()}`;
      let answer: Answer;
      try {
        answer = await this.once(method, url, headers, body);
      } catch (err) {
        if (attempt >= this.settings.maxRetries) throw new ApiConnectionError(`${method} ${url} failed after ${attempt + 1} attempt(s): ${(err as Error).message}`, err);
        await sleep(backoffDelay(attempt++));
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return answer;
      // An access token can be revoked or expire early: fetch a new one once, then give up.
      if (answer.status === 401 && oauth && !refreshed) {
        this.oauth!.invalidate();
        refreshed = true;
        continue;
      }
      if (isRetryableStatus(answer.status) && attempt < this.settings.maxRetries) {
        const wait = retryAfterMs(answer.headers['retry-after']);
        if (wait === undefined || wait <= MAX_RETRY_AFTER_MS) {
          await sleep(wait ?? backoffDelay(attempt));
          attempt++;
          continue;
        }
      }
      throw errorFor(answer.status, parseErrorBody(answer), answer.headers, method, url);
    }
  }

  private async once(method: string, url: string, headers: Record<string, string>, body: Body | undefined): Promise<Answer> {
    const res = await this.settings.fetch(url, { method, headers, body, signal: AbortSignal.timeout(this.settings.timeoutMs), redirect: 'follow' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    const answerHeaders: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      answerHeaders[name.toLowerCase()] = value;
    });
    return { status: res.status, headers: answerHeaders, bytes };
  }

  private async postTokenForm(form: Record<string, string>, headers: Record<string, string>): Promise<unknown> {
    const head = { 'User-Agent': this.settings.userAgent, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', ...headers };
    return decode(await this.send('POST', this.settings.tokenUrl!, head, formBody(form), false), 'json');
  }
}

function encodeBody(spec: RequestSpec, headers: Record<string, string>): Body | undefined {
  if (spec.body === undefined || !spec.bodyEncoding) return undefined;
  const mediaType = spec.mediaType ?? 'application/json';
  switch (spec.bodyEncoding) {
    case 'json':
      headers['Content-Type'] = mediaType;
      return JSON.stringify(spec.body);
    case 'form':
      headers['Content-Type'] = mediaType;
      return formBody(spec.body as Record<string, unknown>);
    case 'multipart':
      // fetch writes the Content-Type with the boundary it chose.
      return multipartBody(spec.body as Record<string, unknown>);
    case 'text':
      headers['Content-Type'] = mediaType;
      return String(spec.body);
    case 'binary':
      headers['Content-Type'] = mediaType;
      return spec.body as Blob | Uint8Array;
  }
}

function decode(answer: Answer, kind: RequestSpec['response']): unknown {
  switch (kind) {
    case 'json': {
      const body = Buffer.from(answer.bytes).toString('utf8');
      return body.trim() === '' ? null : JSON.parse(body);
    }
    case 'binary':
      return answer.bytes;
    case 'text':
      return Buffer.from(answer.bytes).toString('utf8');
    case 'empty':
      return undefined;
  }
}

function parseErrorBody(answer: Answer): unknown {
  const body = Buffer.from(answer.bytes).toString('utf8');
  if (!(answer.headers['content-type'] ?? '').includes('json')) return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
