import assert from 'node:assert/strict';
import { ConfigInvalidError, HubError, RecordInvalidError } from '@ihub/plugin-kit';
import { startServiceNowFake, type ServiceNowFake } from '../../../../test/fakes/servicenow';
import { SEEN_LIMIT } from '../../src/entities/list-position';
import { basicConfig, contextFor, idsOf, listAll } from '../support/servicenow-context';

const BOUNDARY = '2024-01-01 06:00:00';

describe('servicenow entities: list', () => {
  let fake: ServiceNowFake;
  afterEach(() => fake.close());

  describe('paging', () => {
    beforeEach(async () => {
      fake = await startServiceNowFake({ seed: { incident: 53 } });
    });

    it('reads every record once across many pages, oldest change first, the last page saying there is no more', async () => {
      const pages = await listAll(contextFor(basicConfig(fake)), 'incident', 5);

      assert.equal(pages.length, 11);
      assert.deepEqual(pages.map((p) => p.hasMore), [...Array(10).fill(true), false]);
      assert.deepEqual([...idsOf(pages)].sort(), fake.tables.all('incident').map((r) => r.sys_id).sort());
      const stamps = pages.flatMap((p) => p.records.map((r) => r.updatedAt!));
      assert.deepEqual(stamps, [...stamps].sort());
      assert.equal(stamps[0], '2024-01-01T00:00:00.000Z');
    });

    it('asks for the boundary second again (>=) in a stable order, and no more records than it needs', async () => {
      const ctx = contextFor(basicConfig(fake));
      const [first] = await listAll(ctx, 'incident', 60);
      fake.requests.length = 0;

      await listAll(ctx, 'incident', 10, first.cursor);

      const { query } = fake.requests[0];
      assert.equal(query.sysparm_query, 'sys_updated_on>=2024-01-01 00:52:00^ORDERBYsys_updated_on^ORDERBYsys_id');
      assert.equal(query.sysparm_limit, '11', 'a page plus the one record of the boundary second delivered before');
    });

    it('reads to the end when the instance caps pages below the page size asked for', async () => {
      const capped = await startServiceNowFake({ seed: { incident: 12 }, maxPageSize: 4 });
      try {
        const pages = await listAll(contextFor(basicConfig(capped)), 'incident', 10);

        assert.equal(new Set(idsOf(pages)).size, 12);
        assert.equal(idsOf(pages).length, 12);
      } finally {
        await capped.close();
      }
    });
  });

  describe('incremental boundary', () => {
    beforeEach(async () => {
      fake = await startServiceNowFake({ seed: { incident: 3 } });
    });

    it('neither loses nor rereads records sharing the boundary second, even when they fill several pages', async () => {
      for (let i = 0; i < 7; i++) fake.tables.insert('incident', { short_description: `bulk ${i}` }, { at: BOUNDARY });
      const ctx = contextFor(basicConfig(fake));

      const first = await listAll(ctx, 'incident', 3);
      const cursor = first[first.length - 1].cursor;
      const again = await listAll(ctx, 'incident', 3, cursor);

      assert.equal(new Set(idsOf(first)).size, 10);
      assert.equal(idsOf(first).length, 10);
      assert.deepEqual(idsOf(again), []);
      assert.equal(again[0].cursor, cursor);
    });

    it('reads a record inserted into the boundary second after the read, and one changed again within it', async () => {
      for (let i = 0; i < 4; i++) fake.tables.insert('incident', { short_description: `bulk ${i}` }, { at: BOUNDARY });
      const ctx = contextFor(basicConfig(fake));
      const first = await listAll(ctx, 'incident', 3);
      const cursor = first[first.length - 1].cursor;
      const changed = first[first.length - 1].records[0].id;

      // sys_id 000… sorts before every record of the second: a cursor of "the last sys_id" would skip it.
      const late = fake.tables.insert('incident', { sys_id: '0'.repeat(32), short_description: 'late' }, { at: BOUNDARY });
      fake.tables.update('incident', changed, { state: '2' }, { at: BOUNDARY });
      const next = await listAll(ctx, 'incident', 3, cursor);

      assert.deepEqual(idsOf(next).sort(), [late.sys_id, changed].sort());
      assert.equal(next.flatMap((p) => p.records).find((r) => r.id === changed)?.data.state, '2');
      assert.deepEqual(idsOf(await listAll(ctx, 'incident', 3, next[next.length - 1].cursor)), []);
    });

    it(`keeps the cursor and the requests small for a second of more than ${SEEN_LIMIT} records, reading each once`, async () => {
      for (let i = 0; i < 450; i++) fake.tables.insert('incident', { short_description: `import ${i}` }, { at: BOUNDARY });
      const ctx = contextFor(basicConfig(fake));

      const pages = await listAll(ctx, 'incident', 100);
      const final = pages[pages.length - 1].cursor!;

      assert.equal(idsOf(pages).length, 453);
      assert.equal(new Set(idsOf(pages)).size, 453);
      assert.ok(Math.max(...fake.requests.map((r) => Number(r.query.sysparm_limit))) <= 100 + SEEN_LIMIT);
      assert.ok(pages.every((p) => p.cursor!.length < 12_000), 'no cursor holds more than SEEN_LIMIT ids');
      assert.notEqual(JSON.parse(final).after, null);
      assert.deepEqual(idsOf(await listAll(ctx, 'incident', 100, final)), []);
    });

    it('moves on through a second larger than the pages the instance serves', async () => {
      const capped = await startServiceNowFake({ maxPageSize: 3 });
      try {
        for (let i = 0; i < 8; i++) capped.tables.insert('incident', { short_description: `bulk ${i}` }, { at: BOUNDARY });
        const pages = await listAll(contextFor(basicConfig(capped)), 'incident', 5);

        assert.equal(idsOf(pages).length, 8);
        assert.equal(new Set(idsOf(pages)).size, 8);
      } finally {
        await capped.close();
      }
    });

    it('reads records without sys_updated_on first, without an updatedAt, and not again', async () => {
      const imported = fake.tables.insert('incident', { short_description: 'imported with system fields off' }, { at: '' });
      const ctx = contextFor(basicConfig(fake));

      const pages = await listAll(ctx, 'incident', 2);
      const again = await listAll(ctx, 'incident', 2, pages[pages.length - 1].cursor);

      assert.equal(idsOf(pages)[0], imported.sys_id);
      assert.equal(pages[0].records[0].updatedAt, undefined);
      assert.equal(idsOf(pages).length, 4);
      assert.deepEqual(idsOf(again), []);
    });
  });

  describe('cursors it cannot use', () => {
    beforeEach(async () => {
      fake = await startServiceNowFake({ seed: { incident: 4 } });
    });

    for (const [why, cursor] of [
      ['not JSON', 'not json'],
      ['of another version', JSON.stringify({ v: 0, since: '2024-01-01 00:03:00' })],
      ['holding a date that is not one', JSON.stringify({ v: 1, scope: 'x', since: 'yesterday', after: null, seen: [] })],
    ]) {
      it(`reads the table from the start, with a warning, for a cursor ${why}`, async () => {
        const ctx = contextFor(basicConfig(fake));

        const pages = await listAll(ctx, 'incident', 10, cursor);

        assert.equal(idsOf(pages).length, 4);
        assert.match(ctx.logger.warnings.join('\n'), /not one this connector wrote; reading the table from the start/);
      });
    }

    it('reads from the start when the filter changed since the cursor was written', async () => {
      const ctx = contextFor(basicConfig(fake));
      const [first] = await listAll(ctx, 'incident', 10);

      const filtered = await listAll(ctx, 'incident', 10, first.cursor, 'priority=1^ORpriority=2');

      assert.equal(idsOf(filtered).length, 2);
      assert.match(ctx.logger.warnings.join('\n'), /filter, fields or display mode changed/);
    });
  });

  describe('malformed records', () => {
    beforeEach(async () => {
      fake = await startServiceNowFake({ seed: { incident: 6 } });
    });

    it('makes a record without sys_id an invalid record of its own, keeps the rest of the page, and reads it whole next page', async () => {
      const ctx = contextFor(basicConfig(fake));
      fake.faults.breakNextPage({ kind: 'missing-sys-id', index: 1 });

      const pages = await listAll(ctx, 'incident', 4);

      const [good, broken, ...rest] = pages[0].records;
      assert.ok(broken.invalid instanceof RecordInvalidError);
      assert.match(broken.invalid.message, /a incident record has no sys_id/);
      assert.match(broken.id, /^malformed:[0-9a-f]{16}$/);
      assert.ok([good, ...rest].every((r) => r.invalid === undefined));
      const valid = pages.flatMap((p) => p.records.filter((r) => !r.invalid).map((r) => r.id));
      assert.deepEqual(new Set(valid), new Set(fake.tables.all('incident').map((r) => r.sys_id)));
    });

    it('moves past a record that keeps coming without sys_id, reporting it each time', async () => {
      const ctx = contextFor(basicConfig(fake));
      fake.faults.breakNextPage({ kind: 'missing-sys-id', index: 1 });
      fake.faults.breakNextPage({ kind: 'missing-sys-id', index: 1 });

      const pages = await listAll(ctx, 'incident', 4);

      const records = pages.flatMap((p) => p.records);
      assert.equal(records.filter((r) => r.invalid).length, 2);
      assert.equal(new Set(records.filter((r) => !r.invalid).map((r) => r.id)).size, 5);
      assert.equal(pages[pages.length - 1].hasMore, false);
    });
  });

  describe('queries, filters and views', () => {
    beforeEach(async () => {
      fake = await startServiceNowFake({ seed: { sys_user: 2, incident: 10 } });
    });

    it("AND-s the flow's filter to the entity's query, keeping the filter's OR", async () => {
      const inactive = fake.tables.all('incident').find((r) => r.priority === '1')!;
      fake.tables.update('incident', inactive.sys_id, { active: 'false' });
      const ctx = contextFor(basicConfig(fake, { entities: { incident: { query: 'active=true' } } }));

      const pages = await listAll(ctx, 'incident', 10, null, 'priority=1^ORpriority=2');

      const expected = fake.tables.all('incident').filter((r) => r.active === 'true' && ['1', '2'].includes(r.priority));
      assert.deepEqual(idsOf(pages).sort(), expected.map((r) => r.sys_id).sort());
      assert.equal(fake.requests[0].query.sysparm_query, 'active=true^priority=1^ORpriority=2^ORDERBYsys_updated_on^ORDERBYsys_id');
    });

    it('refuses a filter that sorts or starts a new query, as a config error', async () => {
      const ctx = contextFor(basicConfig(fake));

      for (const filter of ['active=true^ORDERBYDESCnumber', 'active=true^NQactive=false']) {
        await assert.rejects(listAll(ctx, 'incident', 10, null, filter), (err: unknown) => err instanceof ConfigInvalidError && /source\.filter/.test(err.message));
      }
      assert.equal(fake.requests.length, 0);
    });

    it('reads display values when asked, with sys_updated_on still read as stored', async () => {
      const ctx = contextFor(basicConfig(fake, { entities: { incident: { displayValue: 'true' } } }));

      const [{ records }] = await listAll(ctx, 'incident', 1);

      assert.equal(fake.requests[0].query.sysparm_display_value, 'all');
      assert.equal(records[0].data.priority, '1 - Critical');
      assert.equal(records[0].data.caller_id, 'User 1');
      assert.equal(records[0].updatedAt, '2024-01-01T00:00:00.000Z');
    });

    it('reads both values with displayValue all, and reference links when not excluded', async () => {
      const all = contextFor(basicConfig(fake, { entities: { incident: { displayValue: 'all' } } }));
      const linked = contextFor(basicConfig(fake, { entities: { incident: { excludeReferenceLink: false } } }));

      const [{ records: both }] = await listAll(all, 'incident', 1);
      const [{ records: links }] = await listAll(linked, 'incident', 1);

      assert.deepEqual(both[0].data.priority, { display_value: '1 - Critical', value: '1' });
      const caller = fake.tables.all('sys_user')[0].sys_id;
      assert.deepEqual(links[0].data.caller_id, { link: `${fake.url}/api/now/table/sys_user/${caller}`, value: caller });
    });

    it('reads only the configured fields, plus the system fields reading depends on', async () => {
      const ctx = contextFor(basicConfig(fake, { entities: { incident: { fields: ['number', 'short_description'] } } }));

      const [{ records }] = await listAll(ctx, 'incident', 1);

      assert.deepEqual(Object.keys(records[0].data).sort(), ['number', 'short_description', 'sys_id', 'sys_mod_count', 'sys_updated_on']);
    });

    it('reads the table the settings name for the table entity, and fails without one', async () => {
      const ctx = contextFor(basicConfig(fake, { entities: { table: { table: 'sys_user' } } }));
      const bare = contextFor(basicConfig(fake));

      assert.equal(idsOf(await listAll(ctx, 'table', 10)).length, 2);
      await assert.rejects(listAll(bare, 'table', 10), (err: unknown) => err instanceof HubError && err.code === 'IHUB_CONFIG_INVALID' && /entities\.table\.table/.test(err.message));
    });
  });
});
