import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ConnectorManifest } from '../../connector/connector.types';
import type { EntityExpectations } from '../conformance.types';
import { withTestContext } from '../test-context';
import { readPass } from './read-pass';
import { writerFor } from './writer';

type RoundTrip = EntityExpectations['roundTrip'];

function requireData(name: string, roundTrip: RoundTrip, check: string): NonNullable<RoundTrip> {
  assert.ok(roundTrip, `give entities.${name}.roundTrip data for the suite to write, or skip '${check}:${name}' with a reason`);
  return roundTrip;
}

/** A create returns an id, an update of that id succeeds, and `get` (when there is one) reads the updated values back. */
export async function checkRoundTrip(manifest: ConnectorManifest<unknown, unknown>, config: unknown, name: string, roundTrip: RoundTrip): Promise<void> {
  const data = requireData(name, roundTrip, 'round-trip');
  const entity = manifest.entities[name];
  await withTestContext(manifest, config, async (ctx) => {
    const writer = writerFor(entity, ctx);
    const id = await writer.create(data.create, { correlationId: `conformance-${randomUUID()}`, mayExist: false });
    assert.ok(typeof id === 'string' && id.length > 0, `create returned id ${JSON.stringify(id)}; ids must be non-empty strings`);
    assert.equal(await writer.update(id, data.update), id, 'update returned another id than the record it updated');
    if (!entity.get || data.readBack === false) return;
    const record = await entity.get.call(entity, ctx, id);
    assert.ok(record, `get did not find record ${id} after it was created and updated`);
    const differing = Object.entries(data.update).filter(([k, v]) => !isDeepStrictEqual(record.data[k], v));
    assert.deepEqual(
      Object.fromEntries(differing.map(([k]) => [k, record.data[k]])),
      Object.fromEntries(differing),
      'get does not read back the updated values',
    );
  });
}

/**
 * A create retried with the same correlationId and `mayExist: true` (as the hub does after a crash)
 * finds the record the first attempt created instead of creating a second one.
 */
export async function checkIdempotentCreate(manifest: ConnectorManifest<unknown, unknown>, config: unknown, name: string, roundTrip: RoundTrip): Promise<void> {
  const data = requireData(name, roundTrip, 'idempotent-create');
  const entity = manifest.entities[name];
  await withTestContext(manifest, config, async (ctx) => {
    const writer = writerFor(entity, ctx);
    const correlationId = `conformance-${randomUUID()}`;
    const count = async (): Promise<number | undefined> =>
      entity.list ? (await readPass(entity, ctx, null, 100, undefined)).records.filter((r) => !r.deleted).length : undefined;
    const first = await writer.create(data.create, { correlationId, mayExist: false });
    const before = await count();
    const second = await writer.create(data.create, { correlationId, mayExist: true });
    assert.equal(second, first, 'the retried create returned another id: it created a duplicate instead of finding the first record');
    assert.equal(await count(), before, 'the retried create added a record');
  });
}
