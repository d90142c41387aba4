import assert from 'node:assert/strict';
import type { ConnectorContext, EntityDefinition, ListPage, SourceRecord } from '../../connector/connector.types';

/** Everything one read from a cursor returned. */
export interface Pass {
  records: SourceRecord[];
  /** The cursor of the last page. */
  cursor: string | null;
  /** The `snapshot` of each page, in order. */
  snapshots: Array<string | undefined>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Lists an entity from `cursor` until `hasMore` is false, checking the shape of every page and
 * record on the way, and that the cursor moves while there is more (else the hub would loop).
 */
export async function readPass(
  entity: EntityDefinition<unknown, unknown>,
  ctx: ConnectorContext<unknown, unknown>,
  cursor: string | null,
  pageSize: number,
  filter: string | undefined,
): Promise<Pass> {
  const list = entity.list;
  assert.ok(list, 'the entity has no list operation');
  const pass: Pass = { records: [], cursor, snapshots: [] };
  for (let page = 1; ; page++) {
    const result: ListPage = await list.call(entity, ctx, { cursor: pass.cursor, pageSize, filter });
    assert.ok(Array.isArray(result?.records), `page ${page}: records is not an array`);
    assert.ok(result.records.length <= pageSize, `page ${page}: ${result.records.length} records for a page size of ${pageSize}`);
    for (const r of result.records) {
      assert.ok(typeof r.id === 'string' && r.id.length > 0, `page ${page}: a record has id ${JSON.stringify(r.id)}; ids must be non-empty strings`);
      assert.ok(isPlainObject(r.data), `page ${page}: record ${r.id} has data that is not an object`);
    }
    assert.ok(result.cursor === null || typeof result.cursor === 'string', `page ${page}: cursor must be a string or null`);
    assert.equal(typeof result.hasMore, 'boolean', `page ${page}: hasMore must be a boolean`);
    pass.records.push(...result.records);
    pass.snapshots.push(result.snapshot);
    if (!result.hasMore) return { ...pass, cursor: result.cursor };
    assert.notEqual(result.cursor, pass.cursor, `page ${page}: hasMore is true but the cursor did not move, so the next call would return the same page`);
    pass.cursor = result.cursor;
  }
}
