import { NotFoundError, z, type ConnectorContext, type ListPage, type ListRequest, type SourceRecord } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import type { JiraClient } from '../../transport';
import { walkPage } from '../walk/issue-walk';
import { parseCursor, walkCursorShape, walkFromJson, walkToJson, type WalkState } from '../walk/walk-cursor';
import { commentUpdatedMs, toCommentRecord } from './comment-record';

/**
 * The comment cursor: the walk over changed issues, plus, while a read is under way, the issues
 * whose comments are still to list (`startAt` where each stands) and the boundary the read
 * started from (comments older than its minute were listed by earlier reads).
 */
const commentCursorSchema = z.strictObject({
  ...walkCursorShape,
  read: z
    .strictObject({
      since: z.iso.datetime().nullable(),
      queue: z.array(z.strictObject({ issue: z.string().min(1), startAt: z.number().int().nonnegative() })),
    })
    .optional(),
});

const MINUTE = 60_000;

/**
 * Lists the comments that changed since the cursor. Adding, editing or deleting a comment moves
 * its issue's `updated`, so the issues that changed (the same walk as the issue entity) are the
 * ones whose comments may have: their comments are read page by page and those updated since the
 * read's boundary minute are listed. At most one search per call; a page holds at most
 * `pageSize` comments. Deleted comments do not show: they arrive through the inbound webhook.
 */
export async function listComments(ctx: ConnectorContext<JiraConfig, JiraClient>, request: ListRequest): Promise<ListPage> {
  const client = ctx.client.withSignal(ctx.signal);
  const cursor = parseCursor(request.cursor, commentCursorSchema, () => ctx.logger.warn('jira: ignoring an unreadable comment cursor; reading every comment again'));
  let walk: WalkState = cursor ? walkFromJson(cursor) : { from: null };
  let started = cursor?.read !== undefined;
  let since = cursor?.read?.since ? Date.parse(cursor.read.since) : null;
  let queue = cursor?.read?.queue.map((q) => ({ ...q })) ?? [];

  const pageSize = Math.max(1, request.pageSize);
  const records: SourceRecord[] = [];
  let searched = false;
  while (records.length < pageSize) {
    if (queue.length === 0) {
      if (searched || (started && !walk.page)) break;
      if (!started) since = walk.from?.at ?? null;
      const step = await walkPage(client, ctx.config, walk, { pageSize, filter: request.filter, fields: ['updated'] }, ctx.logger);
      queue = step.changed.map((raw) => (raw as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string').map((issue) => ({ issue, startAt: 0 }));
      walk = step.next;
      searched = true;
      started = true;
      continue;
    }
    const head = queue[0];
    let page;
    try {
      page = await client.comments(head.issue, head.startAt, pageSize - records.length);
    } catch (err) {
      // The issue was deleted since the search: its comments went with it (the webhook reports those).
      if (!(err instanceof NotFoundError)) throw err;
      queue.shift();
      continue;
    }
    const floor = since === null ? -Infinity : Math.floor(since / MINUTE) * MINUTE;
    for (const raw of page.comments) {
      const updated = commentUpdatedMs(raw);
      if (updated !== undefined && updated < floor) continue;
      const record = toCommentRecord(head.issue, raw);
      if (record) records.push(record);
    }
    head.startAt += page.comments.length;
    if (page.comments.length === 0 || head.startAt >= page.total) queue.shift();
  }

  const reading = queue.length > 0 || walk.page !== undefined;
  const next = { ...walkToJson(walk), ...(reading ? { read: { since: since === null ? null : new Date(since).toISOString(), queue } } : {}) };
  return { records, cursor: JSON.stringify(next), hasMore: reading };
}
