import type { JiraClient } from '../../transport';
import { CORRELATION_PROPERTY } from '../issue/correlation';

const PAGE = 100;
const IDS_PER_LOOKUP = 1000;

type WithProperties = { id?: unknown; properties?: Array<{ key?: unknown; value?: { correlationId?: unknown } }> };

/**
 * The id of the comment created on `issueId` for `correlationId`, if any. Comment properties are
 * not searchable, so the issue's comments are listed and read back with their properties; this
 * only runs for a create retried after a crash (`mayExist`).
 */
export async function findCommentByCorrelation(client: JiraClient, issueId: string, correlationId: string): Promise<string | undefined> {
  const ids: string[] = [];
  for (let startAt = 0; ; ) {
    const page = await client.comments(issueId, startAt, PAGE);
    ids.push(...page.comments.map((c) => (c as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string'));
    startAt += page.comments.length;
    if (page.comments.length === 0 || startAt >= page.total) break;
  }
  for (let i = 0; i < ids.length; i += IDS_PER_LOOKUP) {
    const comments = (await client.commentsWithProperties(ids.slice(i, i + IDS_PER_LOOKUP))) as WithProperties[];
    const match = comments.find((c) => c.properties?.some((p) => p.key === CORRELATION_PROPERTY && p.value?.correlationId === correlationId));
    if (match && typeof match.id === 'string') return match.id;
  }
  return undefined;
}
