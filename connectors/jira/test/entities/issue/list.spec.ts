import assert from 'node:assert/strict';
import { ConfigInvalidError, HubError } from '@ihub/plugin-kit';
import { issueEntity } from '../../../src/entities/issue-entity';
import { basicConfig, contextFor, idsOf, listAll, searchedJql, useJiraSite } from '../../support/jira-site';

const list = issueEntity.list!;
const keysOf = (fake: { store: { findIssue(id: string): { key: string } | undefined } }, ids: string[]): string[] => ids.map((id) => fake.store.findIssue(id)!.key);

describe('jira issue entity: list', () => {
  describe('paging', () => {
    // Jira returns fewer issues than asked when it wants to: the fake caps pages at 3.
    const site = useJiraSite({ issues: 10, pageSize: 3 });

    it('lists every issue to the end by following page tokens, in updated then key order', async () => {
      const { ctx } = contextFor(basicConfig(site.fake));
      const pages = await listAll(issueEntity, ctx, 4);

      assert.deepEqual(pages.map((p) => p.records.length), [3, 3, 3, 1]);
      assert.deepEqual(pages.map((p) => p.hasMore), [true, true, true, false]);
      assert.deepEqual(keysOf(site.fake, idsOf(pages)), Array.from({ length: 10 }, (_, i) => `DEMO-${i + 1}`));
      const searches = site.fake.requests.filter((r) => r.path === '/rest/api/3/search/jql');
      assert.deepEqual(searches.map((r) => Boolean(r.query.nextPageToken)), [false, true, true, true]);
      assert.match(searches[0].query.jql, /^project in \("DEMO"\) ORDER BY updated ASC, key ASC$/);
    });

    it('gives each record a flat shape with the description as Markdown', async () => {
      const { ctx } = contextFor(basicConfig(site.fake));
      const [first] = (await list(ctx, { cursor: null, pageSize: 1 })).records;
      const issue = site.fake.store.findIssue('DEMO-1')!;
      const updated = new Date(issue.updated).toISOString();
      assert.deepEqual(first, {
        id: issue.id,
        updatedAt: updated,
        data: {
          id: issue.id,
          key: 'DEMO-1',
          url: `${site.fake.url}/browse/DEMO-1`,
          project: 'DEMO',
          issueType: 'Task',
          summary: 'Seeded issue 1',
          description: 'Seeded description 1.',
          status: 'To Do',
          statusCategory: 'new',
          priority: 'Medium',
          labels: ['seed'],
          assignee: null,
          reporter: site.fake.store.user.accountId,
          created: new Date(issue.created).toISOString(),
          updated,
        },
      });
    });
  });

  describe('incremental reads', () => {
    // Seeded 20 s apart, the last at 10:05:00.000: DEMO-4 to DEMO-6 share minute 10:04 and 10:05.
    const site = useJiraSite({ issues: 6, startTime: '2024-03-01T10:05:00Z' });

    it('reads the boundary minute again, skipping what it saw there and listing what changed there since', async () => {
      const { ctx } = contextFor(basicConfig(site.fake));
      const full = await listAll(issueEntity, ctx, 10);
      assert.equal(idsOf(full).length, 6);
      const cursor = full[full.length - 1].cursor;

      // Same instant as the boundary (DEMO-6), then later in the same minute.
      site.fake.clock.set('2024-03-01T10:05:00.000Z');
      site.fake.store.editIssue(site.fake.store.findIssue('DEMO-5')!, { summary: 'changed at the boundary instant' });
      site.fake.clock.set('2024-03-01T10:05:30.000Z');
      site.fake.store.editIssue(site.fake.store.findIssue('DEMO-1')!, { summary: 'changed later in the boundary minute' });

      const second = await listAll(issueEntity, ctx, 10, cursor);
      assert.deepEqual(keysOf(site.fake, idsOf(second)), ['DEMO-5', 'DEMO-1']);
      assert.equal(searchedJql(site.fake).at(-1), 'project in ("DEMO") AND updated >= "2024-03-01 10:05" ORDER BY updated ASC, key ASC');

      const third = await listAll(issueEntity, ctx, 10, second[second.length - 1].cursor);
      assert.deepEqual(idsOf(third), [], 'what the boundary minute holds is not listed again and again');

      site.fake.clock.set('2024-03-01T10:06:10.000Z');
      site.fake.store.editIssue(site.fake.store.findIssue('DEMO-2')!, { summary: 'changed in the next minute' });
      const fourth = await listAll(issueEntity, ctx, 10, third[third.length - 1].cursor);
      assert.deepEqual(keysOf(site.fake, idsOf(fourth)), ['DEMO-2']);
      assert.equal(searchedJql(site.fake).at(-1), 'project in ("DEMO") AND updated >= "2024-03-01 10:05" ORDER BY updated ASC, key ASC');
    });

    it("starts an unfinished read over from its boundary when Jira refuses the read's page token", async () => {
      const { ctx, logger } = contextFor(basicConfig(site.fake));
      const first = await list(ctx, { cursor: null, pageSize: 2 });
      assert.equal(first.hasMore, true);
      site.fake.faults.invalidatePageTokens();

      const rest = await listAll(issueEntity, ctx, 2, first.cursor);

      assert.deepEqual(keysOf(site.fake, [...idsOf([first]), ...idsOf(rest)]), ['DEMO-1', 'DEMO-2', 'DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-4', 'DEMO-5', 'DEMO-6']);
      assert.match(logger.warnings.join('\n'), /refused the page token of an unfinished read \(.*invalid or expired.*\); reading again from the read's start/);
      assert.deepEqual(idsOf(await listAll(issueEntity, ctx, 2, rest[rest.length - 1].cursor)), []);
    });

    it('reads every issue again from a cursor it cannot read', async () => {
      for (const cursor of ['not json', '{"v":2}', JSON.stringify({ v: 1, from: { at: 'yesterday', seen: {} } })]) {
        const { ctx, logger } = contextFor(basicConfig(site.fake));
        assert.equal(idsOf(await listAll(issueEntity, ctx, 10, cursor)).length, 6, cursor);
        assert.deepEqual(logger.warnings, ['jira: ignoring an unreadable issue cursor; reading every issue again']);
      }
    });
  });

  describe('time zones', () => {
    const site = useJiraSite({ issues: 2, startTime: '2024-03-01T10:05:00Z', timeZone: 'America/New_York' });

    it('writes the boundary in the time zone of the Jira user, as Jira reads JQL dates', async () => {
      const { ctx } = contextFor(basicConfig(site.fake));
      const full = await listAll(issueEntity, ctx, 10);
      assert.deepEqual(idsOf(await listAll(issueEntity, ctx, 10, full[0].cursor)), []);
      assert.match(searchedJql(site.fake).at(-1)!, /updated >= "2024-03-01 05:05"/);
    });
  });

  describe('what it reads', () => {
    const site = useJiraSite({ issues: 6 });

    it('lists a malformed issue as an invalid record next to the good ones, and keeps reading', async () => {
      site.fake.faults.malformIssue('DEMO-3');
      const { ctx } = contextFor(basicConfig(site.fake));

      const records = (await listAll(issueEntity, ctx, 10)).flatMap((p) => p.records);

      assert.equal(records.length, 6);
      const broken = records.find((r) => r.invalid)!;
      assert.deepEqual(broken.data, { id: site.fake.store.findIssue('DEMO-3')!.id, key: 'DEMO-3' });
      assert.equal(broken.invalid!.code, 'IHUB_RECORD_INVALID');
      assert.match(broken.invalid!.message, /jira issue DEMO-3 cannot be read: .*fields\.summary.*fields\.updated: is not a Jira timestamp/);
      assert.equal(records.filter((r) => !r.invalid && r.data.summary).length, 5);

      site.fake.faults.repairIssue('DEMO-3');
      const repaired = await issueEntity.get!(ctx, broken.id);
      assert.equal(repaired?.invalid, undefined);
      assert.equal(repaired?.data.key, 'DEMO-3');
    });

    it("ANDs the integration's JQL and the flow's filter with the projects, and refuses a filter with its own ORDER BY", async () => {
      const { ctx } = contextFor(basicConfig(site.fake, { jql: 'labels = seed' }));
      const pages = await listAll(issueEntity, ctx, 10, null, 'status = "In Progress"');
      assert.deepEqual(keysOf(site.fake, idsOf(pages)), ['DEMO-3', 'DEMO-6']);
      assert.equal(searchedJql(site.fake).at(-1), 'project in ("DEMO") AND (labels = seed) AND (status = "In Progress") ORDER BY updated ASC, key ASC');

      await assert.rejects(list(ctx, { cursor: null, pageSize: 10, filter: 'status = Done ORDER BY created' }), ConfigInvalidError);
    });

    it("reports Jira's message for a filter Jira cannot run", async () => {
      const { ctx } = contextFor(basicConfig(site.fake));
      await assert.rejects(list(ctx, { cursor: null, pageSize: 10, filter: 'colour = red' }), (err: HubError) => {
        assert.equal(err.retryable, false);
        assert.match(err.message, /400: Field 'colour' does not exist or you do not have permission to view it\./);
        return true;
      });
    });

    it('attaches the whole changelog when configured, paging past the 40 entries a search embeds', async () => {
      const busy = site.fake.store.findIssue('DEMO-1')!;
      for (let i = 1; i <= 45; i++) site.fake.store.editIssue(busy, { summary: `edit ${i}` });
      site.fake.store.editIssue(site.fake.store.findIssue('DEMO-2')!, { priorityId: '1' });
      const { ctx } = contextFor(basicConfig(site.fake, { changelog: true }));

      const records = (await listAll(issueEntity, ctx, 10)).flatMap((p) => p.records);

      const changelogOf = (key: string) => records.find((r) => r.data.key === key)!.data.changelog as Array<{ items: Array<{ field: string; toString: string | null }> }>;
      assert.equal(changelogOf('DEMO-1').length, 45);
      assert.equal(changelogOf('DEMO-1')[0].items[0].toString, 'edit 1', 'oldest first');
      assert.deepEqual(changelogOf('DEMO-2')[0].items.map((i) => [i.field, i.toString]), [['priority', 'Highest']]);
      assert.deepEqual(changelogOf('DEMO-3'), []);
      const changelogCalls = site.fake.requests.filter((r) => r.path.endsWith('/changelog'));
      assert.deepEqual([...new Set(changelogCalls.map((r) => r.path))], [`/rest/api/3/issue/${busy.id}/changelog`]);
    });

    it('reads an issue by id or key, and gives null for one Jira does not have', async () => {
      const { ctx } = contextFor(basicConfig(site.fake));
      const byKey = await issueEntity.get!(ctx, 'DEMO-2');
      assert.equal(byKey?.data.summary, 'Seeded issue 2');
      assert.deepEqual(await issueEntity.get!(ctx, byKey!.id), byKey);
      assert.equal(await issueEntity.get!(ctx, 'DEMO-999'), null);
    });
  });
});
