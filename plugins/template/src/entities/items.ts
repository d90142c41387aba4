import { z, type ConnectorContext, type EntityDefinition, type SourceRecord } from '@ihub/plugin-kit';
import type { TemplateConfig } from '../config';
import type { ApiItem, TemplateClient } from '../transport';

type Context = ConnectorContext<TemplateConfig, TemplateClient>;

/**
 * Where an incremental read stands. `since` is fixed for a whole read; `latest` is the newest
 * `updated_at` seen so far and becomes the next read's `since` once the last page is stored.
 */
const cursorSchema = z.strictObject({
  since: z.string().optional(),
  pageToken: z.string().optional(),
  latest: z.string().optional(),
});

type ItemsCursor = z.infer<typeof cursorSchema>;

export const itemsEntity: EntityDefinition<TemplateConfig, TemplateClient> = {
  displayName: 'Items',
  changeTracking: 'cursor',

  async list(ctx, { cursor, pageSize }) {
    const position = readCursor(cursor, ctx);
    const page = await ctx.client.listItems({ updatedSince: position.since, pageToken: position.pageToken, limit: pageSize }, ctx.signal);
    const latest = page.items.reduce((max, item) => (max === undefined || item.updated_at > max ? item.updated_at : max), position.latest ?? position.since);
    // The next read asks for `updated_since >= latest`, so items sharing the boundary timestamp are
    // read again rather than missed; the hub's upserts make the repeat harmless.
    const next: ItemsCursor = page.next_page_token ? { since: position.since, pageToken: page.next_page_token, latest } : { since: latest };
    return { records: page.items.map(toRecord), cursor: JSON.stringify(next), hasMore: Boolean(page.next_page_token) };
  },

  async get(ctx, id) {
    const item = await ctx.client.getItem(id, ctx.signal);
    return item ? toRecord(item) : null;
  },

  async create(ctx, data, { correlationId, mayExist }) {
    // The API stores the hub's id in `external_id`, so a create retried after a crash finds its item.
    const existing = mayExist ? (await ctx.client.listItems({ externalId: correlationId, limit: 1 }, ctx.signal)).items[0] : undefined;
    const item = existing ? await ctx.client.updateItem(existing.id, data, ctx.signal) : await ctx.client.createItem({ ...data, external_id: correlationId }, ctx.signal);
    return { id: item.id, data: item };
  },

  async update(ctx, id, data) {
    const item = await ctx.client.updateItem(id, data, ctx.signal);
    return { id: item.id, data: item };
  },
};

function toRecord(item: ApiItem): SourceRecord {
  return { id: item.id, data: item, updatedAt: item.updated_at };
}

function readCursor(cursor: string | null, ctx: Context): ItemsCursor {
  if (cursor === null) return {};
  try {
    return cursorSchema.parse(JSON.parse(cursor));
  } catch {
    // Reading everything again is always correct, only slower.
    ctx.logger.warn('template: ignoring an unreadable cursor and reading all items');
    return {};
  }
}
