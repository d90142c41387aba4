import { UpstreamError, type ConnectorContext, type ListPage, type ListRequest } from '@ihub/plugin-kit';
import { baseSearch, searchConfig, type SearchConfig, type SplunkConfig } from '../config';
import { exportSearch, type SplunkClient } from '../transport';
import { exportLines, type ExportLine } from './export-lines';
import { decodeCursor, encodeCursor, type ListCursor } from './list-cursor';
import { resultRecord, type ResultRecord } from './result-record';

type Context = ConnectorContext<SplunkConfig, SplunkClient>;

/**
 * Lists the configured search's results incrementally, one export per page. A pass reads
 * `[from, until)`: `until` is now − lagSeconds, since Splunk only finds an event once it is
 * indexed; the next pass starts at `until`, so passes neither overlap nor leave gaps. Pages are
 * sorted by `_time` (then `_cd`) and capped with `| head`, which keeps each answer small.
 */
export async function listResults(ctx: Context, request: ListRequest): Promise<ListPage> {
  const search = searchConfig(ctx.config);
  const now = ctx.client.now();
  const cursor = decodeCursor(request.cursor, ctx.logger) ?? { from: now - search.lookbackSeconds * 1000, seen: [] };
  const until = cursor.until ?? now - search.lagSeconds * 1000;
  // An empty window (the clock went back, or lagSeconds grew): nothing to read yet.
  if (until <= cursor.from) return { records: [], hasMore: false, cursor: encodeCursor({ from: cursor.from, seen: cursor.seen }) };

  const pageSize = Math.max(1, request.pageSize);
  const seen = new Set(cursor.seen);
  // Asking for the seen ids again plus one more row tells, without a second call, whether more follow.
  const spl = pageSearch(search, request.filter, pageSize + seen.size + 1);
  const body = await exportSearch(ctx.client, { search: spl, earliestMs: cursor.from, latestMs: until }, ctx.signal);
  const { page, more } = readPage(ctx, exportLines(body), seen, pageSize);

  const records = page.map((r) => r.record);
  if (!more) return { records, hasMore: false, cursor: encodeCursor({ from: until, seen: [] }) };
  return { records, hasMore: true, cursor: encodeCursor({ ...advance(cursor, page), until }) };
}

/** The page's records (ids in `seen` left out) and whether more results follow. */
function readPage(ctx: Context, lines: Iterable<ExportLine>, seen: Set<string>, pageSize: number): { page: ResultRecord[]; more: boolean } {
  const page: ResultRecord[] = [];
  for (const line of lines) {
    if (line.kind === 'messages') {
      report(ctx, line.messages);
      continue;
    }
    if (line.kind === 'truncated') {
      // What came before the cut is good; the rest is read again from the cursor by the next page.
      if (page.length === 0) throw new UpstreamError('splunk: the search export was cut off before a new result could be read', { line: line.line }, { retryable: true });
      return { page, more: true };
    }
    const result = resultRecord(line);
    if (seen.has(result.record.id)) continue;
    if (page.length === pageSize) return { page, more: true };
    page.push(result);
  }
  return { page, more: false };
}

/** The cursor after a page: the time of its last record, and the ids returned at that instant. */
function advance(cursor: ListCursor, page: ResultRecord[]): ListCursor {
  let { from, seen } = cursor;
  for (const { record, timeMs } of page) {
    if (timeMs !== undefined && timeMs > from) {
      from = timeMs;
      seen = [];
    }
    // Records without a time (malformed lines) stay in `seen` too, so a page of them still moves the cursor.
    seen = [...seen, record.id];
  }
  return { from, seen };
}

function pageSearch(search: SearchConfig, filter: string | undefined, limit: number): string {
  const filtered = filter?.trim() ? ` | search ${filter.trim()}` : '';
  return `${baseSearch(search)}${filtered} | sort 0 _time _cd | head ${limit}`;
}

/**
 * Messages in a 200 answer: an ERROR or FATAL one means the results may be incomplete (a search
 * peer failed), and taking the page would move the cursor past what was missed.
 */
function report(ctx: Context, messages: Array<{ type: string; text: string }>): void {
  const failed = messages.filter((m) => m.type === 'ERROR' || m.type === 'FATAL');
  if (failed.length > 0) throw new UpstreamError(`splunk: the search reported ${failed.map((m) => `${m.type}: ${m.text}`).join('; ')}`, { messages: failed }, { retryable: true });
  for (const m of messages) ctx.logger.warn(`splunk: the search said ${m.type}: ${m.text}`);
}
