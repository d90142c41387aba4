import assert from 'node:assert/strict';
import { NotFoundError } from '@ihub/plugin-kit';
import { startServiceNowFake, type ServiceNowFake } from '../../../../test/fakes/servicenow';
import { tableEntities } from '../../src/entities/table-entity';
import { basicConfig, contextFor } from '../support/servicenow-context';

const incident = tableEntities.incident;
const MISSING = 'f'.repeat(32);

describe('servicenow entities: get, update, delete', () => {
  let fake: ServiceNowFake;
  let id: string;
  beforeEach(async () => {
    fake = await startServiceNowFake({ seed: { incident: 1 } });
    id = fake.tables.all('incident')[0].sys_id;
  });
  afterEach(() => fake.close());

  it('gets a record by sys_id with its update time, and null for one the instance does not have', async () => {
    const ctx = contextFor(basicConfig(fake));

    const record = await incident.get!(ctx, id);

    assert.equal(record?.id, id);
    assert.equal(record?.data.short_description, 'Seeded incident 1');
    assert.equal(record?.updatedAt, '2024-01-01T00:00:00.000Z');
    assert.equal(await incident.get!(ctx, MISSING), null);
  });

  it('answers null without a call for the id of a record that came without a sys_id', async () => {
    const ctx = contextFor(basicConfig(fake));

    assert.equal(await incident.get!(ctx, 'malformed:0123456789abcdef'), null);
    assert.equal(fake.requests.length, 0);
  });

  it('updates the given fields with PATCH and leaves the others', async () => {
    const ctx = contextFor(basicConfig(fake));

    const result = await incident.update!(ctx, id, { state: '2' });

    assert.equal(result.id, id);
    assert.deepEqual([fake.tables.get('incident', id)!.state, fake.tables.get('incident', id)!.short_description], ['2', 'Seeded incident 1']);
    assert.equal(fake.requests[0].method, 'PATCH');
  });

  it('fails an update of a record that does not exist with NotFoundError', async () => {
    await assert.rejects(incident.update!(contextFor(basicConfig(fake)), MISSING, { state: '2' }), (err: unknown) => err instanceof NotFoundError && err.code === 'IHUB_NOT_FOUND');
  });

  it('deletes a record, and counts one already gone as deleted', async () => {
    const ctx = contextFor(basicConfig(fake));

    await incident.delete!(ctx, id);
    await incident.delete!(ctx, id);

    assert.equal(fake.tables.count('incident'), 0);
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.status}`), ['DELETE 204', 'DELETE 404']);
  });
});
