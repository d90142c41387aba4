import assert from 'node:assert/strict';
import { RecordInvalidError } from '@ihub/plugin-kit';
import { commentEntity } from '../../../src/entities/comment-entity';
import { basicConfig, contextFor, useJiraSite } from '../../support/jira-site';

describe('jira comment entity: write', () => {
  const site = useJiraSite({ issues: 2 });

  it('adds a comment from Markdown to an issue named by key, and reads it back', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const issue = site.fake.store.findIssue('DEMO-1')!;

    const { id } = await commentEntity.create!(ctx, { issue: 'DEMO-1', body: 'Looks **fixed**' }, { correlationId: 'c-1', mayExist: false });

    const stored = issue.comments.at(-1)!;
    assert.equal(id, `${issue.id}:${stored.id}`);
    assert.deepEqual(stored.properties.get('ihub.correlation'), { correlationId: 'c-1' });
    assert.equal((await commentEntity.get!(ctx, id))?.data.body, 'Looks **fixed**');
  });

  it('returns the comment of an earlier attempt for a create that may have happened', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const first = await commentEntity.create!(ctx, { issue: 'DEMO-2', body: 'Once' }, { correlationId: 'c-2', mayExist: false });
    const retried = await commentEntity.create!(ctx, { issue: 'DEMO-2', body: 'Once' }, { correlationId: 'c-2', mayExist: true });
    const other = await commentEntity.create!(ctx, { issue: 'DEMO-2', body: 'Twice' }, { correlationId: 'c-3', mayExist: true });
    assert.equal(retried.id, first.id);
    assert.notEqual(other.id, first.id);
    assert.deepEqual(site.fake.store.findIssue('DEMO-2')!.comments.map((c) => c.properties.get('ihub.correlation')), [undefined, { correlationId: 'c-2' }, { correlationId: 'c-3' }]);
  });

  it('edits and deletes a comment by its record id', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const { id } = await commentEntity.create!(ctx, { issue: 'DEMO-1', body: 'Draft' }, { correlationId: 'c-4', mayExist: false });
    await commentEntity.update!(ctx, id, { body: 'Final _version_' });
    assert.equal((await commentEntity.get!(ctx, id))?.data.body, 'Final _version_');
    await commentEntity.update!(ctx, id, { body: 'Final _version_' });
    assert.equal(site.fake.requests.filter((r) => r.method === 'PUT').length, 1, 'an unchanged body is not sent again');
    await commentEntity.delete!(ctx, id);
    assert.equal(await commentEntity.get!(ctx, id), null);
  });

  it('refuses a comment without issue or body, a move to another issue and a malformed id, and writes the good one', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const options = { correlationId: 'c-5', mayExist: false };
    await assert.rejects(commentEntity.create!(ctx, { body: 'Where?' }, options), /a new comment needs `issue`/);
    await assert.rejects(commentEntity.create!(ctx, { issue: 'DEMO-1', body: '  ' }, options), /body: must not be empty/);
    const { id } = await commentEntity.create!(ctx, { issue: 'DEMO-1', body: 'Here' }, options);
    await assert.rejects(commentEntity.update!(ctx, id, { issue: '99999', body: 'Moved' }), /a comment cannot move to issue '99999'/);
    await assert.rejects(commentEntity.get!(ctx, 'DEMO-1/5'), RecordInvalidError);
  });
});
