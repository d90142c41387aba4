import { HubError, type Logger } from '@ihub/plugin-kit';
import type { JiraConfig } from '../../config';
import { parseJiraTimestamp } from '../../time/jira-timestamp';
import type { JiraClient } from '../../transport';
import { readJql } from './jql-builder';
import { advance, type Boundary, type WalkState } from './walk-cursor';

export interface WalkRequest {
  pageSize: number;
  filter?: string;
  /** Fields to read; `updated` is always added. */
  fields: string[];
  expand?: string[];
}

export interface WalkStep {
  /** The issues of this page that changed since the read's boundary, as Jira returned them. */
  changed: unknown[];
  /** The walk after this page. */
  next: WalkState;
  /** True when this page was the last of the read. */
  done: boolean;
}

/** Id and `updated` of a raw issue, when both can be read. */
function stampOf(raw: unknown): { id: string; updated: number } | undefined {
  const issue = raw as { id?: unknown; fields?: { updated?: unknown } } | null;
  const updated = parseJiraTimestamp(issue?.fields?.updated);
  return typeof issue?.id === 'string' && updated !== undefined ? { id: issue.id, updated } : undefined;
}

const isBadRequest = (err: unknown): boolean => err instanceof HubError && err.data.status === 400;

/**
 * Reads the next page of an incremental walk over the issues of the configured projects, ordered
 * by `updated` then key, paged with the enhanced search's `nextPageToken`. Issues at the
 * boundary already seen unchanged are skipped. When Jira refuses the page token (expired after
 * 7 days, or the query changed), the read starts over from its boundary: its earlier pages are
 * listed again, which is safe, since the hub skips records whose hash has not changed.
 */
export async function walkPage(client: JiraClient, config: JiraConfig, state: WalkState, request: WalkRequest, logger: Logger): Promise<WalkStep> {
  const timeZone = await client.userTimeZone();
  const fields = [...new Set([...request.fields, 'updated'])];
  let page;
  try {
    page = await client.search({ jql: readJql(config, request.filter, state.from, timeZone), maxResults: request.pageSize, fields, expand: request.expand, nextPageToken: state.page?.token });
  } catch (err) {
    if (!state.page || !isBadRequest(err)) throw err;
    logger.warn(`jira: the search refused the page token of an unfinished read (${err instanceof Error ? err.message : String(err)}); reading again from the read's start`);
    return walkPage(client, config, { from: state.from }, request, logger);
  }

  let reached: Boundary | null = state.page?.reached ?? null;
  const changed: unknown[] = [];
  for (const raw of page.issues) {
    const stamp = stampOf(raw);
    // An issue without a readable stamp is passed on (it becomes an invalid record) and does not move the boundary.
    if (!stamp || state.from?.seen.get(stamp.id) !== stamp.updated) changed.push(raw);
    if (stamp) reached = advance(reached, stamp.id, stamp.updated);
  }
  if (page.isLast || !page.nextPageToken) return { changed, next: { from: reached ?? state.from }, done: true };
  return { changed, next: { from: state.from, page: { token: page.nextPageToken, reached } }, done: false };
}
