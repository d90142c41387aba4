import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConnectorContext, InboundAction, InboundHandler, InboundRequest, SourceRecord } from '@ihub/plugin-kit';
import type { CsvConfig } from './config';
import { keyOf } from './entities/record-key';

const SIGNATURE_HEADER = 'x-ihub-signature';

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the integration's `webhookSecret`, compared in constant time. */
function verified(secret: string, request: InboundRequest): boolean {
  const header = request.headers[SIGNATURE_HEADER];
  const given = /^sha256=([0-9a-f]{64})$/i.exec(Array.isArray(header) ? header[0] : header ?? '')?.[1];
  if (!given) return false;
  const expected = createHmac('sha256', secret).update(request.rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

const reply = (status: number, message: string): InboundAction => ({ kind: 'respond', status, body: { message } });

/**
 * Whatever writes the file (an export job, a script) can tell the hub about it: an empty body or
 * `{}` means "the file changed, sync it"; `{"rows": [...]}` hands over the changed rows
 * themselves, each with the key column. Requests are signed with the integration's `webhookSecret`.
 */
export const csvInbound: InboundHandler<CsvConfig> = {
  async handle(ctx: ConnectorContext<CsvConfig>, request: InboundRequest): Promise<InboundAction> {
    const secret = ctx.config.webhookSecret;
    if (!secret) return reply(404, 'this integration takes no webhooks: set webhookSecret in its settings');
    if (!verified(secret, request)) return reply(401, `missing or wrong ${SIGNATURE_HEADER}: expected sha256=<hex HMAC-SHA256 of the body>`);
    let body: unknown = {};
    if (request.rawBody.length > 0) {
      try {
        body = JSON.parse(request.rawBody.toString('utf8'));
      } catch {
        return reply(400, 'the body must be JSON: {} or {"rows": [...]}');
      }
    }
    const rows = (body as { rows?: unknown }).rows;
    if (rows === undefined) return { kind: 'sync', entity: 'file' };
    if (!Array.isArray(rows) || rows.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) return reply(400, '"rows" must be an array of objects');
    const records: SourceRecord[] = [];
    for (const [i, row] of (rows as Array<Record<string, unknown>>).entries()) {
      const id = keyOf(row as never, ctx.config.key);
      if (id === null) return reply(400, `rows[${i}] has no '${ctx.config.key}' (the key column)`);
      records.push({ id, data: row });
    }
    return { kind: 'records', entity: 'file', records };
  },
};
