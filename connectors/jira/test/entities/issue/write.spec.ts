import assert from 'node:assert/strict';
import { NotFoundError, RecordInvalidError } from '@ihub/plugin-kit';
import { DEFAULT_WORKFLOW } from '../../../../../test/fakes/jira';
import { issueEntity } from '../../../src/entities/issue-entity';
import { basicConfig, contextFor, useJiraSite } from '../../support/jira-site';

const create = issueEntity.create!;
const update = issueEntity.update!;
const fresh = (correlationId: string) => ({ correlationId, mayExist: false });

async function invalid(promise: Promise<unknown>): Promise<RecordInvalidError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof RecordInvalidError, `expected a RecordInvalidError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the write to fail');
}

describe('jira issue entity: write', () => {
  const site = useJiraSite({ issues: 2 });

  it('creates an issue carrying the correlation id as issue property and label, which its record does not show', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const { id } = await create(ctx, { summary: 'Printer on fire', description: 'It is **really** on fire', priority: 'High', labels: ['hardware'], assignee: '712020:grace' }, fresh('corr-1'));

    const stored = site.fake.store.findIssue(id)!;
    assert.equal(stored.key, 'DEMO-3');
    assert.deepEqual(stored.labels, ['hardware', 'ihub-corr-1']);
    assert.deepEqual(stored.properties.get('ihub.correlation'), { correlationId: 'corr-1' });
    assert.deepEqual(stored.description, {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'It is ' }, { type: 'text', text: 'really', marks: [{ type: 'strong' }] }, { type: 'text', text: ' on fire' }] }],
    });
    const record = await issueEntity.get!(ctx, id);
    assert.deepEqual(
      { labels: record?.data.labels, description: record?.data.description, priority: record?.data.priority, assignee: record?.data.assignee, issueType: record?.data.issueType },
      { labels: ['hardware'], description: 'It is **really** on fire', priority: 'High', assignee: '712020:grace', issueType: 'Task' },
    );
  });

  it('returns the issue of an earlier attempt for a create that may have happened, and creates when there is none', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const first = await create(ctx, { summary: 'Only once' }, fresh('corr-2'));
    // A label copied by hand, without the property, is not taken for the hub's issue.
    site.fake.store.editIssue(site.fake.store.findIssue('DEMO-1')!, { labels: ['ihub-corr-3'] });

    const retried = await create(ctx, { summary: 'Only once' }, { correlationId: 'corr-2', mayExist: true });
    const other = await create(ctx, { summary: 'Never created before' }, { correlationId: 'corr-3', mayExist: true });

    assert.equal(retried.id, first.id);
    assert.notEqual(other.id, site.fake.store.findIssue('DEMO-1')!.id);
    assert.deepEqual(site.fake.issues.map((i) => i.summary), ['Seeded issue 1', 'Seeded issue 2', 'Only once', 'Never created before']);
  });

  it('changes the status by taking the workflow transition that reaches it, and names the choices when none does', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const { id } = await create(ctx, { summary: 'Moves along' }, fresh('corr-4'));

    const stuck = await invalid(update(ctx, id, { status: 'Done' }));
    assert.match(stuck.message, /no transition of the workflow leads issue \d+ from status 'To Do' to 'Done'; Jira offers 'Start progress' → 'In Progress'/);

    await update(ctx, id, { status: 'In Progress' });
    await update(ctx, id, { status: 'done' });
    await update(ctx, id, { status: 'Done' });

    const stored = site.fake.store.findIssue(id)!;
    assert.equal(site.fake.store.status(stored.statusId).name, 'Done');
    assert.deepEqual(stored.changelog.map((h) => h.items.map((i) => `${i.fromString} → ${i.toString}`)), [['To Do → In Progress'], ['In Progress → Done']]);
    const taken = site.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/transitions')).map((r) => (r.body as { transition: { id: string } }).transition.id);
    assert.deepEqual(taken, ['21', '31'], 'no transition for a status the issue already has');
  });

  it('sets the issue type on create only', async () => {
    const { ctx } = contextFor(basicConfig(site.fake, { issueType: 'Bug' }));
    const { id } = await create(ctx, { summary: 'A bug by default' }, fresh('corr-9'));
    await update(ctx, id, { issueType: 'Story', summary: 'Still a bug' });
    assert.equal((await issueEntity.get!(ctx, id))?.data.issueType, 'Bug');
  });

  it('creates an issue straight into a status', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const { id } = await create(ctx, { summary: 'Already started', status: 'In Progress' }, fresh('corr-5'));
    assert.equal((await issueEntity.get!(ctx, id))?.data.status, 'In Progress');
  });

  it('keeps the connector\'s own label when a write replaces the labels', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const { id } = await create(ctx, { summary: 'Relabelled', labels: ['old'] }, fresh('corr-6'));
    await update(ctx, id, { labels: ['new', 'newer'], summary: 'Relabelled again' });
    assert.deepEqual(site.fake.store.findIssue(id)!.labels, ['new', 'newer', 'ihub-corr-6']);
  });

  it('leaves a rich description alone when its Markdown did not change, and replaces it when it did', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const issue = site.fake.store.findIssue('DEMO-1')!;
    const rich = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'See the screenshot' }] }, { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'f-1', type: 'file' } }] }] };
    site.fake.store.editIssue(issue, { description: rich });

    await update(ctx, issue.id, { description: 'See the screenshot', summary: 'Renamed' });
    assert.deepEqual(issue.description, rich);
    assert.equal(issue.summary, 'Renamed');

    await update(ctx, issue.id, { description: 'No screenshot any more' });
    assert.equal((await issueEntity.get!(ctx, issue.id))?.data.description, 'No screenshot any more');
  });

  it('refuses a record it cannot write, naming every field, and writes the good one next to it', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const rejected = await invalid(create(ctx, { summary: '', labels: ['two words', 'ihub-mine'], colour: 'red' }, fresh('corr-7')));
    assert.deepEqual(rejected.data.problems, [
      'summary: Too small: expected string to have >=1 characters',
      'labels.0: must not contain spaces',
      "labels.1: labels starting with 'ihub-' are reserved for the connector's correlation label",
      '(record): Unrecognized key: "colour"',
    ]);
    const good = await create(ctx, { summary: 'Fine', key: 'ignored', updated: 'ignored' }, fresh('corr-8'));
    assert.equal(site.fake.store.findIssue(good.id)!.summary, 'Fine');
  });

  it("reports Jira's field errors as a record error naming the field", async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const rejected = await invalid(update(ctx, site.fake.store.findIssue('DEMO-1')!.id, { priority: 'Urgent' }));
    assert.deepEqual(rejected.data.fields, { priority: "Priority name 'Urgent' is not valid" });
  });

  it('deletes an issue, and reports one that is not there', async () => {
    const { ctx } = contextFor(basicConfig(site.fake));
    const id = site.fake.store.findIssue('DEMO-2')!.id;
    await issueEntity.delete!(ctx, id);
    assert.equal(await issueEntity.get!(ctx, id), null);
    await assert.rejects(issueEntity.delete!(ctx, id), NotFoundError);
  });

  describe('with several transitions to one status', () => {
    const workflow = { ...DEFAULT_WORKFLOW, transitions: [...DEFAULT_WORKFLOW.transitions, { id: '51', name: 'Close as duplicate', from: ['In Progress'], to: 'Done' }] };
    const several = useJiraSite({ issues: 1, workflow });

    it('takes the transition configured for the status', async () => {
      const { ctx } = contextFor(basicConfig(several.fake, { statusTransitions: { done: 'Close as duplicate' } }));
      const id = several.fake.store.findIssue('DEMO-1')!.id;
      await update(ctx, id, { status: 'In Progress' });
      await update(ctx, id, { status: 'Done' });
      const taken = several.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/transitions')).map((r) => (r.body as { transition: { id: string } }).transition.id);
      assert.deepEqual(taken, ['21', '51']);
    });
  });
});
