import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import type { ConnectorManifest, SourceRecord } from '../../connector/connector.types';
import type { EntityExpectations } from '../conformance.types';
import { withTestContext } from '../test-context';
import { readPass, type Pass } from './read-pass';

type ListExpectations = NonNullable<EntityExpectations['list']>;

const DEFAULT_PAGE_SIZE = 2;

function fullRead(manifest: ConnectorManifest<unknown, unknown>, config: unknown, name: string, list: ListExpectations): Promise<[Pass, Pass]> {
  const entity = manifest.entities[name];
  const pageSize = list.pageSize ?? DEFAULT_PAGE_SIZE;
  return withTestContext(manifest, config, async (ctx) => {
    const first = await readPass(entity, ctx, null, pageSize, list.filter);
    assert.notEqual(first.cursor, null, 'the last page of a full read has a null cursor, so the next run could not be incremental');
    return [first, await readPass(entity, ctx, first.cursor, pageSize, list.filter)];
  });
}

/** A full read (cursor null) pages to the end, returns at least `minRecords` well-formed records and a final cursor. */
export async function checkList(manifest: ConnectorManifest<unknown, unknown>, config: unknown, name: string, list: ListExpectations = {}): Promise<void> {
  const entity = manifest.entities[name];
  const pass = await withTestContext(manifest, config, (ctx) => readPass(entity, ctx, null, list.pageSize ?? DEFAULT_PAGE_SIZE, list.filter));
  const min = list.minRecords ?? 1;
  assert.ok(pass.records.length >= min, `a full read returned ${pass.records.length} record(s), fewer than the ${min} expected`);
  assert.notEqual(pass.cursor, null, 'the last page of a full read has a null cursor, so the next run could not be incremental');
  if (entity.changeTracking === 'snapshot') {
    const ids = new Set(pass.snapshots);
    assert.ok(ids.size === 1 && !ids.has(undefined), `every page of a full read of a snapshot entity must carry the same snapshot id; got ${JSON.stringify(pass.snapshots)}`);
  }
}

const unchanged = (a: SourceRecord, b: SourceRecord): boolean =>
  isDeepStrictEqual(a.data, b.data) && a.updatedAt === b.updatedAt && Boolean(a.deleted) === Boolean(b.deleted);

/**
 * Listing again from the final cursor of a full read, with nothing changed upstream in between:
 * - `cursor` entities return no record of the first read unchanged, except records stamped with
 *   the read's latest `updatedAt`, which an incremental query may re-include on purpose (`>=` on
 *   the boundary, so that records changed in the same instant are not missed);
 * - `snapshot` entities either return no snapshot id (nothing changed) or a complete new pass.
 */
export async function checkIncremental(manifest: ConnectorManifest<unknown, unknown>, config: unknown, name: string, list: ListExpectations = {}): Promise<void> {
  const [first, second] = await fullRead(manifest, config, name, list);
  if (manifest.entities[name].changeTracking === 'snapshot') {
    if (second.snapshots.every((s) => s === undefined)) {
      // Rows without a snapshot id could not be told apart from a partial pass; nothing changed means nothing listed.
      assert.equal(second.records.length, 0, 'a second pass without a snapshot id (nothing changed) must list no records');
      return;
    }
    const ids = new Set(second.snapshots);
    assert.ok(ids.size === 1 && !ids.has(undefined), `a second pass that carries a snapshot id must carry it on every page; got ${JSON.stringify(second.snapshots)}`);
    const seen = new Set(second.records.map((r) => r.id));
    const missing = first.records.filter((r) => !seen.has(r.id)).map((r) => r.id);
    assert.deepEqual(missing, [], `a second complete pass is missing records of the first, which the hub would delete: ${missing.join(', ')}`);
    return;
  }
  const before = new Map(first.records.map((r) => [r.id, r]));
  const boundary = Math.max(...first.records.map((r) => (r.updatedAt ? Date.parse(r.updatedAt) : -Infinity)));
  const repeated = second.records.filter((r) => {
    const prev = before.get(r.id);
    return prev !== undefined && unchanged(prev, r) && !(r.updatedAt !== undefined && Date.parse(r.updatedAt) === boundary);
  });
  assert.deepEqual(
    repeated.map((r) => r.id),
    [],
    'listing from the final cursor returned unchanged records of the first read again; the cursor does not mark where the read ended',
  );
}
