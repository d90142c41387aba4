import type { IncomingMessage } from 'node:http';
import { HubError } from '@ihub/plugin-kit';

/** Reads a request body as bytes, up to `limit`; the bytes are what signatures are computed over. */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HubError('IHUB_PAYLOAD_TOO_LARGE', `request body larger than ${limit} bytes`, { fault: 'user' }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** `1mb`, `512kb` → bytes. */
export function byteLimit(text: string): number {
  const match = /^(\d+)(kb|mb)$/.exec(text);
  if (!match) return 1024 * 1024;
  return Number(match[1]) * (match[2] === 'mb' ? 1024 * 1024 : 1024);
}
