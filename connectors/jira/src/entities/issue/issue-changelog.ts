import type { JiraClient } from '../../transport';

/**
 * An issue's whole changelog, oldest first. Search and `GET /issue` embed only the latest entries
 * (the enhanced search at most 40, newest first); when that is all there is, no call is made,
 * else the changelog is paged through `GET /issue/{id}/changelog`.
 */
export async function fullChangelog(client: JiraClient, raw: unknown): Promise<unknown[]> {
  const issue = raw as { id: string; changelog?: { total?: unknown; histories?: unknown } };
  const embedded = issue.changelog;
  if (embedded && Array.isArray(embedded.histories) && typeof embedded.total === 'number' && embedded.histories.length >= embedded.total) {
    return [...embedded.histories].reverse();
  }
  const entries: unknown[] = [];
  for (let startAt = 0; ; ) {
    const page = await client.changelog(issue.id, startAt);
    entries.push(...page.values);
    if (page.isLast || page.values.length === 0) return entries;
    startAt += page.values.length;
  }
}
