import assert from 'node:assert/strict';
import { HubError } from '@ihub/plugin-kit';
import { searchEntity } from '../../src/entities/search-entity';
import { startSplunkFake, type SeedEvent, type SplunkFake } from '../../../../test/fakes/splunk';
import { eventsBefore, listAll, searchSettings, splunkContext } from '../support/splunk-context';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const clockAt = (ms: number) => ({ now: () => ms });
const ids = (pages: Array<{ records: Array<{ id: string }> }>) => pages.flatMap((p) => p.records.map((r) => r.id));
const numbers = (pages: Array<{ records: Array<{ data: Record<string, unknown> }> }>) => pages.flatMap((p) => p.records.map((r) => Number(r.data.n)));
const exportRequests = (fake: SplunkFake) => fake.requests.filter((r) => r.path.endsWith('/search/jobs/export'));

describe('splunk search entity: list', () => {
  let fake: SplunkFake;
  afterEach(() => fake.close());

  it('reads a search with many results to the end, page by page, in time order, each once', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 300) });
    const pages = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 45);

    assert.equal(pages.length, 7);
    assert.deepEqual(numbers(pages), Array.from({ length: 300 }, (_, i) => i));
    assert.equal(new Set(ids(pages)).size, 300);
  });

  it('reads a page of a thousand results from one streamed export answer', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 1_000) });
    const pages = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 5_000);

    assert.equal(pages.length, 1);
    assert.equal(pages[0].records.length, 1_000);
    assert.equal(exportRequests(fake).length, 1);
  });

  it('names each event <_bkt>/<_cd>, dates it by _time and keeps its fields, but not the answer-local _serial', async () => {
    fake = await startSplunkFake({ events: [{ time: NOW / 1000 - 120.25, sourcetype: 'alert', host: 'web-1', event: { rule: 'brute force', severity: 'high' } }] });
    const [page] = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 10);
    const [record] = page.records;

    assert.match(record.id, /^main~0~[0-9A-F-]+\/0:0$/);
    assert.equal(record.updatedAt, new Date(NOW - 120_250).toISOString());
    assert.equal(record.data.rule, 'brute force');
    assert.equal(record.data.host, 'web-1');
    assert.equal(record.data._raw, '{"rule":"brute force","severity":"high"}');
    assert.equal('_serial' in record.data, false);
  });

  it('loses and repeats nothing when many events share the instant a page ends on', async () => {
    const instant = NOW / 1000 - 300;
    const crowd: SeedEvent[] = Array.from({ length: 7 }, (_, i) => ({ time: instant, event: { n: i + 1 } }));
    fake = await startSplunkFake({ events: [{ time: instant - 1, event: { n: 0 } }, ...crowd, { time: instant + 1, event: { n: 8 } }] });
    const pages = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 2);

    assert.deepEqual([...numbers(pages)].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(new Set(ids(pages)).size, 9);
    assert.ok(pages.every((p) => p.records.length <= 2));
  });

  it('starts the next read where the last one ended, and reads events within the lag only once they are out of it', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 3) });
    const first = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 10);
    assert.deepEqual(numbers(first), [0, 1, 2]);

    // One event well inside the last read's window's end, one still inside the lag of the next read.
    fake.seed([{ time: NOW / 1000 - 30, event: { n: 3 } }, { time: NOW / 1000 + 100, event: { n: 4 } }]);
    const later = NOW + 120_000;
    const second = await listAll(splunkContext(searchSettings(fake), clockAt(later)), 10, first.at(-1)!.cursor);
    assert.deepEqual(numbers(second), [3]);

    const third = await listAll(splunkContext(searchSettings(fake), clockAt(NOW + 300_000)), 10, second.at(-1)!.cursor);
    assert.deepEqual(numbers(third), [4]);

    const [request] = exportRequests(fake).slice(-1);
    const form = new URLSearchParams(request.body);
    assert.equal(form.get('earliest_time'), ((later - 60_000) / 1000).toFixed(3));
    assert.equal(form.get('latest_time'), ((NOW + 300_000 - 60_000) / 1000).toFixed(3));
  });

  it('returns a malformed line as an invalid record, next to the good ones, and goes on reading', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 5) });
    fake.faults.malformedEvents = ['0:2'];
    const pages = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 10);
    const records = pages.flatMap((p) => p.records);

    assert.equal(records.length, 5);
    const invalid = records.filter((r) => r.invalid);
    assert.equal(invalid.length, 1);
    assert.match(invalid[0].id, /^line:[0-9a-f]{32}$/);
    assert.ok(invalid[0].invalid instanceof HubError && invalid[0].invalid.code === 'IHUB_RECORD_INVALID');
    assert.match(invalid[0].invalid.message, /line 3 of the search export is not a result/);
    assert.deepEqual(records.filter((r) => !r.invalid).map((r) => Number(r.data.n)), [0, 1, 3, 4]);
  });

  it('keeps moving when a whole page is malformed lines', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 6) });
    fake.faults.malformedEvents = ['0:0', '0:1', '0:2'];
    const pages = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 2);

    const records = pages.flatMap((p) => p.records);
    assert.equal(records.filter((r) => r.invalid).length, 3);
    assert.deepEqual(records.filter((r) => !r.invalid).map((r) => Number(r.data.n)), [3, 4, 5]);
  });

  it('takes the results before a cut-off line and reads the rest with the next page', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 6) });
    fake.faults.truncateAfterResults = 3;
    const ctx = splunkContext(searchSettings(fake), clockAt(NOW));
    const first = await searchEntity.list!(ctx, { cursor: null, pageSize: 10 });
    assert.deepEqual(numbers([first]), [0, 1, 2]);
    assert.equal(first.hasMore, true);

    fake.faults.truncateAfterResults = undefined;
    const rest = await listAll(ctx, 10, first.cursor);
    assert.deepEqual(numbers(rest), [3, 4, 5]);
  });

  it('fails as retryable when the answer is cut off in its first line', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 2) });
    fake.faults.truncateAfterResults = 0;
    await assert.rejects(searchEntity.list!(splunkContext(searchSettings(fake), clockAt(NOW)), { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof HubError && err.retryable);
  });

  it('reads again from lookbackSeconds ago when the cursor cannot be read, and says so', async () => {
    const old: SeedEvent = { time: NOW / 1000 - 7_200, event: { n: -1 } };
    fake = await startSplunkFake({ events: [old, ...eventsBefore(NOW, 2, 600)] });
    const ctx = splunkContext(searchSettings(fake, { lookbackSeconds: 3_600 }), clockAt(NOW));
    for (const cursor of ['not json', '{"from":"yesterday","seen":[]}', '{"v":9}']) {
      const pages = await listAll(ctx, 10, cursor);
      assert.deepEqual(numbers(pages), [0, 1], `cursor ${cursor}`);
    }
    assert.equal(ctx.logger.warnings.length, 3);
    assert.match(ctx.logger.warnings[0], /unreadable cursor/);
  });

  it('narrows the search with the flow filter and runs saved searches', async () => {
    fake = await startSplunkFake({ events: eventsBefore(NOW, 6), savedSearches: { 'High alerts': 'search index=main severity=high' } });
    const filtered = await listAll(splunkContext(searchSettings(fake), clockAt(NOW)), 10, null, 'severity=high');
    assert.deepEqual(numbers(filtered), [0, 2, 4]);

    const saved = await listAll(splunkContext(searchSettings(fake, { query: undefined, savedSearch: 'High alerts' }), clockAt(NOW)), 10);
    assert.deepEqual(numbers(saved), [0, 2, 4]);
  });

  it('fails with a config error quoting Splunk for a search it refuses, and an auth error for wrong credentials', async () => {
    fake = await startSplunkFake();
    const badSearch = splunkContext(searchSettings(fake, { query: 'search index=main | frobnicate' }), clockAt(NOW));
    await assert.rejects(searchEntity.list!(badSearch, { cursor: null, pageSize: 10 }), (err: unknown) => err instanceof HubError && err.code === 'IHUB_CONFIG_INVALID' && /Unknown search command 'frobnicate'/.test(err.message));

    const badToken = splunkContext(searchSettings(fake, {}, { auth: { method: 'token', token: 'expired-token' } }), clockAt(NOW));
    await assert.rejects(
      searchEntity.list!(badToken, { cursor: null, pageSize: 10 }),
      (err: unknown) => err instanceof HubError && err.code === 'IHUB_UPSTREAM_AUTH' && !err.retryable && !JSON.stringify(err.data).includes('expired-token'),
    );
  });
});
