import assert from 'node:assert/strict';
import { startServiceNowFake, type ServiceNowFake } from '../../../../test/fakes/servicenow';
import { tableEntities } from '../../src/entities/table-entity';
import { basicConfig, contextFor } from '../support/servicenow-context';

describe('servicenow entities: soft delete', () => {
  let fake: ServiceNowFake;
  beforeEach(async () => {
    fake = await startServiceNowFake({ seed: { sys_user: 1 } });
  });
  afterEach(() => fake.close());

  it('sets the softDelete fields instead of deleting, and counts a record already gone as deleted', async () => {
    const ctx = contextFor(basicConfig(fake, { entities: { sys_user: { softDelete: { active: false } } } }));
    const id = fake.tables.all('sys_user')[0].sys_id;

    await tableEntities.sys_user.delete!(ctx, id);
    await tableEntities.sys_user.delete!(ctx, 'f'.repeat(32));

    assert.equal(fake.tables.get('sys_user', id)?.active, 'false', 'the user stays, inactive');
    assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.status}`), ['PATCH 200', 'PATCH 404']);
  });
});
