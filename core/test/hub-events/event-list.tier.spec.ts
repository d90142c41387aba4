import assert from 'node:assert/strict';
import { useTestStore } from '../../../test/support/test-store';
import { addEvent, hubSource, OTHER_TENANT, readAll, TENANT } from './hub-events-support';

const T0 = Date.parse('2025-01-06T10:00:00.000Z');
const SECOND = 1000;

describe('ihub source: events', () => {
  const env = useTestStore();

  it("lists the tenant's events oldest first, page by page, as records of what happened", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await addEvent(env.store, T0 + i * SECOND, i === 3 ? 'sync.failed' : 'sync.completed'));
    await addEvent(env.store, T0 + 2 * SECOND, 'sync.failed', OTHER_TENANT, 1);

    const read = await readAll(hubSource(env.store), 'event', null, 2);
    assert.deepEqual(read.pages.map((p) => [p.records.length, p.hasMore]), [[2, true], [2, true], [1, false]]);
    assert.deepEqual(read.ids, ids, "in id order, and none of another tenant's");
    const failed = read.pages[1].records[1];
    assert.deepEqual(failed.data, { id: ids[3], type: 'sync.failed', subject: `subject-${ids[3]}`, payload: { status: 'failed' }, createdAt: new Date(T0 + 3 * SECOND).toISOString() });
    assert.equal(failed.updatedAt, failed.data.createdAt);
  });

  it('starts a new read lookbackSeconds before the last event delivered, so an event committed late is found', async () => {
    for (let i = 0; i < 5; i++) await addEvent(env.store, T0 + i * 10 * SECOND, 'record.created');
    const source = hubSource(env.store, { lookbackSeconds: 15 });
    const first = await readAll(source, 'event', null);
    assert.equal(first.ids.length, 5);

    // Created (its id taken) between two events already read, committed only now.
    const late = await addEvent(env.store, T0 + 35 * SECOND, 'record.updated');
    const fresh = await addEvent(env.store, T0 + 50 * SECOND, 'record.created');
    const second = await readAll(source, 'event', first.cursor);
    assert.deepEqual(second.ids, [first.ids[3], late, first.ids[4], fresh], 'the last 15 s before the last event are read again');

    const none = hubSource(env.store, { lookbackSeconds: 0 });
    const third = await readAll(none, 'event', second.cursor);
    assert.deepEqual(third.ids, [fresh], 'without a lookback only the last event itself is read again');
  });

  it('pages exactly within a read, however many events share the lookback window', async () => {
    for (let i = 0; i < 7; i++) await addEvent(env.store, T0, 'record.created', TENANT, i);
    const source = hubSource(env.store, { lookbackSeconds: 60 });
    const first = await readAll(source, 'event', null, 3);
    const again = await readAll(source, 'event', first.cursor, 3);
    assert.deepEqual(again.pages.map((p) => p.records.length), [3, 3, 1], 'a page continues after the last id, not from the window again');
    assert.deepEqual(again.ids, first.ids);
  });

  it('keeps the events of the types the flow filter names, exactly or by wildcard, and refuses anything else', async () => {
    const failed = await addEvent(env.store, T0, 'sync.failed');
    await addEvent(env.store, T0 + SECOND, 'sync.started');
    const created = await addEvent(env.store, T0 + 2 * SECOND, 'record.created');
    const completed = await addEvent(env.store, T0 + 3 * SECOND, 'sync.completed');
    const source = hubSource(env.store);

    assert.deepEqual((await readAll(source, 'event', null, 10, 'sync.failed, sync.completed')).ids, [failed, completed]);
    assert.deepEqual((await readAll(source, 'event', null, 10, 'record.*,sync.failed')).ids, [failed, created]);
    await assert.rejects(source.list('event', { cursor: null, pageSize: 10, filter: "sync.failed' OR 1=1" }), { code: 'IHUB_CONFIG_INVALID' });
  });

  it('gets one event of the tenant by id, and none of another tenant', async () => {
    const mine = await addEvent(env.store, T0, 'sync.failed');
    const theirs = await addEvent(env.store, T0, 'sync.failed', OTHER_TENANT, 1);
    const source = hubSource(env.store);
    assert.equal((await source.get('event', mine))?.data.type, 'sync.failed');
    assert.equal(await source.get('event', theirs), null);
  });

  it('reads from the first event when the cursor cannot be read', async () => {
    const id = await addEvent(env.store, T0, 'sync.failed');
    assert.deepEqual((await readAll(hubSource(env.store), 'event', '{"offset":3}')).ids, [id]);
  });

  it('fails with a coded error when run outside a hub, which has the store it reads', async () => {
    await assert.rejects(hubSource(undefined).list('event', { cursor: null, pageSize: 10 }), { code: 'IHUB_HUB_STORE_UNAVAILABLE' });
  });
});
