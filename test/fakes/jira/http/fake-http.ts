import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the routes see it: path without the OAuth gateway prefix, JSON body parsed. */
export interface FakeRequest {
  method: string;
  /** `/rest/api/3/...`, also for calls through `/ex/jira/{cloudId}`. */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  /** Base of `self` links in answers (the site, or the gateway's `/ex/jira/{cloudId}`). */
  base: string;
}

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless undefined (no body). */
  body?: unknown;
}

/** Jira's error body: `{"errorMessages":[…],"errors":{field: message}}`. */
export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}): FakeAnswer {
  return { status, body: { errorMessages, errors } };
}

export const ok = (body: unknown, status = 200): FakeAnswer => ({ status, body });

export const noContent = (): FakeAnswer => ({ status: 204 });

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes an answer; `truncate` sends only the first half of the body, as a connection cut mid-page would. */
export function send(res: ServerResponse, answer: FakeAnswer, truncate = false): void {
  const headers: Record<string, string> = { ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  let text = JSON.stringify(answer.body);
  if (truncate) text = text.slice(0, Math.floor(text.length / 2));
  headers['content-type'] = 'application/json;charset=UTF-8';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(answer.status, headers).end(text);
}

/** Query values given once (`?a=1`) or repeated/comma-separated (`?fields=a,b&fields=c`), as a list. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  const value = raw === null ? NaN : Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}
