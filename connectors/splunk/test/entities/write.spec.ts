import assert from 'node:assert/strict';
import { HubError } from '@ihub/plugin-kit';
import { channelOf } from '../../src/config';
import { eventEntity } from '../../src/entities/event-entity';
import { startSplunkFake, type SplunkFake } from '../../../../test/fakes/splunk';
import { create, hecSettings, listAll, searchSettings, splunkContext } from '../support/splunk-context';

const write = eventEntity.write!;
const eventRequests = (fake: SplunkFake) => fake.requests.filter((r) => r.path === '/services/collector/event');

describe('splunk event entity: write', () => {
  let fake: SplunkFake;
  beforeEach(async () => {
    fake = await startSplunkFake({ indexes: ['main', 'audit'] });
  });
  afterEach(() => fake.close());

  it('sends creates, updates and deletes as events in one request, answering the record id for each', async () => {
    const ctx = splunkContext(hecSettings(fake));
    const outcomes = await write(ctx, [create({ user: 'ada' }, 'rec-1'), { op: 'update', id: 'rec-2', data: { user: 'grace' } }, { op: 'delete', id: 'rec-3' }]);

    assert.deepEqual(outcomes, [{ ok: true, id: 'rec-1' }, { ok: true, id: 'rec-2' }, { ok: true, id: 'rec-3' }]);
    assert.equal(eventRequests(fake).length, 1);
    assert.deepEqual(
      fake.events.map((e) => [e.envelope.event, e.envelope.fields]),
      [
        [{ user: 'ada' }, { ihub_id: 'rec-1', ihub_op: 'create' }],
        [{ user: 'grace' }, { ihub_id: 'rec-2', ihub_op: 'update' }],
        [{ ihub_id: 'rec-3', ihub_deleted: true }, { ihub_id: 'rec-3', ihub_op: 'delete' }],
      ],
    );
  });

  it('stamps events with the configured index, sourcetype, source and host, and the time of the time field', async () => {
    const ctx = splunkContext(hecSettings(fake, { index: 'audit', sourcetype: 'ihub:audit', source: 'ihub', host: 'hub-1', timeField: 'at' }));
    await write(ctx, [create({ at: '2026-01-02T03:04:05.678Z' }, 'a'), create({ at: 1767323045 }, 'b'), create({ at: 1767323045678 }, 'c'), create({ other: 1 }, 'd')]);

    const [first] = fake.events;
    assert.deepEqual(
      { index: first.envelope.index, sourcetype: first.envelope.sourcetype, source: first.envelope.source, host: first.envelope.host },
      { index: 'audit', sourcetype: 'ihub:audit', source: 'ihub', host: 'hub-1' },
    );
    assert.deepEqual(fake.events.map((e) => e.envelope.time), [1767323045.678, 1767323045, 1767323045.678, undefined]);
  });

  it('sends on the integration channel, with the HEC token in the Splunk authorization scheme', async () => {
    const ctx = splunkContext(hecSettings(fake), {}, 'int-42');
    await write(ctx, [create({ n: 1 }, 'a')]);

    const [request] = eventRequests(fake);
    assert.equal(request.headers['x-splunk-request-channel'], channelOf(ctx.config, 'int-42'));
    assert.match(String(request.headers.authorization), /^Splunk /);
    assert.equal(fake.events[0].channel, channelOf(ctx.config, 'int-42'));
  });

  it('splits a batch into requests of at most maxEvents events and maxBytes bytes, keeping the order', async () => {
    const ctx = splunkContext(hecSettings(fake, { batch: { maxEvents: 3, maxBytes: 1_024 } }));
    const small = Array.from({ length: 7 }, (_, i) => create({ n: i }, `small-${i}`));
    const large = [create({ blob: 'x'.repeat(600) }, 'large-1'), create({ blob: 'y'.repeat(600) }, 'large-2')];
    const outcomes = await write(ctx, [...small, ...large]);

    assert.ok(outcomes.every((o) => o.ok));
    assert.deepEqual(eventRequests(fake).map((r) => r.body.split('\n').length), [3, 3, 2, 1]);
    assert.ok(eventRequests(fake).every((r) => Buffer.byteLength(r.body) <= 1_024));
    assert.deepEqual(fake.events.map((e) => (e.envelope.fields as Record<string, string>).ihub_id), [...small.map((_, i) => `small-${i}`), 'large-1', 'large-2']);
  });

  it('fails only the records that cannot be sent (too large, unreadable time, not JSON) and sends the others', async () => {
    const ctx = splunkContext(hecSettings(fake, { timeField: 'at', batch: { maxBytes: 2_048 } }));
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const outcomes = await write(ctx, [create({ blob: 'x'.repeat(4_000) }, 'huge'), create({ at: 'yesterday-ish' }, 'bad-time'), create(circular, 'cycle'), create({ at: '2026-01-01T00:00:00Z' }, 'good')]);

    assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.error.code)), ['IHUB_RECORD_INVALID', 'IHUB_RECORD_INVALID', 'IHUB_RECORD_INVALID', 'ok']);
    assert.ok(outcomes.slice(0, 3).every((o) => !o.ok && !o.error.retryable));
    assert.deepEqual(fake.events.map((e) => (e.envelope.fields as Record<string, string>).ihub_id), ['good']);
  });

  it('fails the event HEC refuses and sends the rest of its batch again, without repeating the ones HEC took', async () => {
    fake.faults.hecErrors.push({ code: 12, invalidEventNumber: 1 });
    const ctx = splunkContext(hecSettings(fake));
    const outcomes = await write(ctx, [create({ n: 0 }, 'r0'), create({ n: 1 }, 'r1'), create({ n: 2 }, 'r2'), create({ n: 3 }, 'r3')]);

    assert.deepEqual(outcomes.map((o) => (o.ok ? 'ok' : o.error.code)), ['ok', 'IHUB_RECORD_INVALID', 'ok', 'ok']);
    assert.match((outcomes[1] as { error: HubError }).error.message, /Event field is required \(HEC code 12\)/);
    assert.deepEqual(fake.events.map((e) => (e.envelope.fields as Record<string, string>).ihub_id), ['r0', 'r2', 'r3']);
    assert.equal(eventRequests(fake).length, 2);
  });

  it('sends events that a search reads back, indexed fields included', async () => {
    const ctx = splunkContext({ ...hecSettings(fake, { sourcetype: 'ihub:record', timeField: 'at' }), ...searchSettings(fake, { query: 'search sourcetype=ihub:record ihub_op=update' }) });
    const at = new Date(Date.now() - 600_000).toISOString();
    await write(ctx, [create({ user: 'ada', at }, 'rec-1'), { op: 'update', id: 'rec-1', data: { user: 'ada', admin: true, at } }]);

    const [page] = await listAll(ctx, 10);
    assert.deepEqual(page.records.map((r) => [r.data.ihub_id, r.data.user, r.data.admin]), [['rec-1', 'ada', 'true']]);
  });

  it('refuses to write without HEC settings, naming what to configure', async () => {
    const ctx = splunkContext(searchSettings(fake));
    await assert.rejects(write(ctx, [create({ n: 1 }, 'a')]), (err: unknown) => err instanceof HubError && err.code === 'IHUB_CONFIG_INVALID' && /needs hec/.test(err.message));
  });
});
