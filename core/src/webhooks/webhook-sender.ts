import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { LookupFunction } from 'node:net';
import { isForbiddenAddress } from './private-address';

export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Addresses outside the public internet the tenant allows. */
  allowed: net.BlockList;
}

/** What one attempt came to. `statusCode` is null when no answer came. */
export interface SendOutcome {
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  responseExcerpt: string | null;
  retryAfter: string | undefined;
  /** True when the address was refused before connecting (private network, not allowed). */
  blocked: boolean;
}

/** Bytes of a consumer's answer that are read (and the first of them kept); the rest is dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;
const EXCERPT_CHARS = 1000;

class BlockedAddressError extends Error {}

/**
 * Resolves the host and refuses private addresses at connect time, so a DNS name cannot be
 * pointed at an internal address after the subscription was checked (DNS rebinding).
 */
function guardedLookup(allowed: net.BlockList): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => isForbiddenAddress(a.address, allowed));
      if (refused) return callback(new BlockedAddressError(`${hostname} resolves to ${refused.address}, a private address this tenant does not allow`), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }),
};

/**
 * POSTs one signed message. Redirects are not followed (a 3xx is an answer like any other), the
 * answer is read up to 64 KB, and the whole attempt is bounded by `timeoutMs`.
 */
export function sendWebhook(request: SendRequest): Promise<SendOutcome> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: Omit<SendOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: elapsed() });
    };
    const fail = (error: string, blocked = false) => finish({ statusCode: null, error, responseExcerpt: null, retryAfter: undefined, blocked });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return fail(`not a URL: ${request.url}`, true);
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (net.isIP(host) && isForbiddenAddress(host, request.allowed)) return fail(`${host} is a private address this tenant does not allow`, true);
    const agent = agents[url.protocol as 'http:' | 'https:'];
    if (!agent) return fail(`unsupported scheme ${url.protocol}`, true);
    const transport = url.protocol === 'https:' ? https : http;
    const req = transport.request(url, {
      method: 'POST',
      agent,
      lookup: guardedLookup(request.allowed),
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(request.body), 'user-agent': 'ihub-webhooks/1', ...request.headers },
    });
    timer = setTimeout(() => {
      req.destroy();
      fail(`no answer within ${request.timeoutMs} ms`);
    }, request.timeoutMs);
    req.on('error', (err) => fail(err.message, err instanceof BlockedAddressError));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
        const retryAfter = res.headers['retry-after'];
        finish({ statusCode: res.statusCode ?? null, error: null, responseExcerpt: text === '' ? null : text, retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, blocked: false });
      };
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        else {
          // Enough read to judge the answer; a consumer streaming megabytes must not hold the worker.
          res.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(request.body);
  });
}
