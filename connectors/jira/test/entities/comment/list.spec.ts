import assert from 'node:assert/strict';
import { adfParagraph } from '../../../../../test/fakes/jira';
import { commentEntity } from '../../../src/entities/comment-entity';
import { basicConfig, contextFor, idsOf, listAll, useJiraSite } from '../../support/jira-site';

describe('jira comment entity: list', () => {
  // Seeded issues DEMO-2, DEMO-4 and DEMO-6 have a comment each.
  const site = useJiraSite({ issues: 6, startTime: '2024-03-01T10:05:00Z' });

  const commentIdsOf = (key: string): string[] => {
    const issue = site.fake.store.findIssue(key)!;
    return issue.comments.map((c) => `${issue.id}:${c.id}`);
  };

  it('lists the comments of every issue, with record ids <issueId>:<commentId> and the body as Markdown', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const pages = await listAll(commentEntity, ctx, 2);

    assert.deepEqual(idsOf(pages), [...commentIdsOf('DEMO-2'), ...commentIdsOf('DEMO-4'), ...commentIdsOf('DEMO-6')]);
    assert.ok(pages.every((p) => p.records.length <= 2));
    const issue = site.fake.store.findIssue('DEMO-2')!;
    const at = new Date(issue.comments[0].created).toISOString();
    assert.deepEqual(pages[0].records[0], {
      id: `${issue.id}:${issue.comments[0].id}`,
      updatedAt: at,
      data: { issue: issue.id, body: 'Seeded comment on issue 2.', author: site.fake.store.user.accountId, created: at, updated: at },
    });
  });

  it('lists only comments added or edited since the cursor, once', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const full = await listAll(commentEntity, ctx, 10);

    site.fake.clock.set('2024-03-01T10:07:00Z');
    const demo1 = site.fake.store.findIssue('DEMO-1')!;
    const added = site.fake.store.addComment(demo1, adfParagraph('A new comment'));
    const demo4 = site.fake.store.findIssue('DEMO-4')!;
    site.fake.store.editComment(demo4, demo4.comments[0], adfParagraph('Edited'));
    site.fake.store.editIssue(site.fake.store.findIssue('DEMO-2')!, { summary: 'an issue change is not a comment change' });

    const second = await listAll(commentEntity, ctx, 10, full[full.length - 1].cursor);
    assert.deepEqual(idsOf(second), [`${demo1.id}:${added.id}`, ...commentIdsOf('DEMO-4')]);
    assert.equal(second[0].records[1].data.body, 'Edited');

    assert.deepEqual(idsOf(await listAll(commentEntity, ctx, 10, second[second.length - 1].cursor)), []);
  });

  it('pages through the comments of one issue without passing the page size', async () => {
    const demo1 = site.fake.store.findIssue('DEMO-1')!;
    for (let i = 1; i <= 5; i++) site.fake.store.addComment(demo1, adfParagraph(`comment ${i}`));
    const { ctx } = contextFor(basicConfig(site.fake, { jql: 'key = DEMO-1' }));

    const pages = await listAll(commentEntity, ctx, 2);

    assert.deepEqual(pages.map((p) => p.records.map((r) => r.data.body)), [['comment 1', 'comment 2'], ['comment 3', 'comment 4'], ['comment 5']]);
  });

  it('goes on past an issue deleted during the read', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const first = await commentEntity.list!(ctx, { cursor: null, pageSize: 1 });
    site.fake.store.deleteIssue(site.fake.store.findIssue('DEMO-4')!);

    const rest = await listAll(commentEntity, ctx, 1, first.cursor);

    assert.deepEqual([...idsOf([first]), ...idsOf(rest)], [...commentIdsOf('DEMO-2'), ...commentIdsOf('DEMO-6')]);
  });
});
