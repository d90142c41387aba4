import type { IncomingMessage, ServerResponse } from 'node:http';

/** An answer before it is sent: a body to send as JSON, or raw text (a truncated page). */
export interface WireResponse {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: string;
}

/** ServiceNow's error envelope, the same for every REST API of the instance. */
export function vendorError(status: number, message: string, detail: string | null, headers?: Record<string, string>): WireResponse {
  return { status, headers, json: { error: { message, detail }, status: 'failure' } };
}

export const notAuthenticated = (): WireResponse => vendorError(401, 'User Not Authenticated', 'Required to provide Auth information');

export const noRecord = (): WireResponse => vendorError(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");

export const invalidTable = (table: string): WireResponse => vendorError(400, `Invalid table ${table}`, null);

export const noResource = (): WireResponse => vendorError(400, 'Requested URI does not represent any resource', null);

export function send(res: ServerResponse, response: WireResponse): void {
  const body = response.raw ?? (response.json === undefined ? '' : JSON.stringify(response.json));
  const type = response.json === undefined && response.raw === undefined ? {} : { 'content-type': 'application/json;charset=UTF-8' };
  res.writeHead(response.status, { ...type, ...response.headers });
  res.end(body);
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The body as JSON, or undefined when it is empty or not JSON. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
