import type { FakeStore } from './store/fake-store';

/** A one-paragraph Atlassian Document Format document. */
export function adfParagraph(text: string): Record<string, unknown> {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

/**
 * Seeds `count` issues into the first project, `spacingMs` apart and ending at `end`, so that
 * several share a minute. Every third issue is In Progress (when the workflow has that status),
 * every second one has a comment. Seeded issues have no changelog: they were "imported".
 */
export function seedIssues(store: FakeStore, count: number, end: number, spacingMs: number): void {
  const inProgress = store.statusByName('In Progress');
  for (let i = 1; i <= count; i++) {
    const at = end - (count - i) * spacingMs;
    const issue = store.createIssue(
      {
        projectId: store.projects[0].id,
        issueTypeId: store.issueTypes[0].id,
        summary: `Seeded issue ${i}`,
        description: adfParagraph(`Seeded description ${i}.`),
        labels: ['seed'],
      },
      store.user.accountId,
      at,
    );
    if (inProgress && i % 3 === 0) issue.statusId = inProgress.id;
    if (i % 2 === 0) store.addComment(issue, adfParagraph(`Seeded comment on issue ${i}.`), [], store.user.accountId, at);
  }
}
