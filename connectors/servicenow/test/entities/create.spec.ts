import assert from 'node:assert/strict';
import { RecordInvalidError } from '@ihub/plugin-kit';
import { DEFAULT_TABLES, startServiceNowFake, type ServiceNowFake } from '../../../../test/fakes/servicenow';
import { tableEntities } from '../../src/entities/table-entity';
import { basicConfig, contextFor } from '../support/servicenow-context';

const HUB_ID = '0190f3c2-7d1e-7a4b-9c1d-2e3f4a5b6c7d';
const create = tableEntities.incident.create!;

describe('servicenow entities: create', () => {
  let fake: ServiceNowFake;
  beforeEach(async () => {
    fake = await startServiceNowFake({ seed: { incident: 2, sys_user: 2 } });
  });
  afterEach(() => fake.close());

  it("stores the hub's id in correlation_id and 'ihub' in correlation_display", async () => {
    const ctx = contextFor(basicConfig(fake));

    const { id } = await create(ctx, { short_description: 'from the hub' }, { correlationId: HUB_ID, mayExist: false });

    const stored = fake.tables.get('incident', id)!;
    assert.deepEqual([stored.short_description, stored.correlation_id, stored.correlation_display], ['from the hub', HUB_ID, 'ihub']);
    assert.deepEqual(fake.requests.map((r) => r.method), ['POST'], 'a plain create does not look anything up');
  });

  it('finds the record a create interrupted by a crash made, and updates it instead of creating another', async () => {
    const ctx = contextFor(basicConfig(fake));
    const first = await create(ctx, { short_description: 'first attempt' }, { correlationId: HUB_ID, mayExist: false });

    // The hub crashed before saving the mapping; its retry says the record may exist.
    const retried = await create(ctx, { short_description: 'retried' }, { correlationId: HUB_ID, mayExist: true });

    assert.equal(retried.id, first.id);
    assert.equal(fake.tables.count('incident'), 3);
    assert.equal(fake.tables.get('incident', first.id)!.short_description, 'retried');
    assert.equal(fake.requests[1].query.sysparm_query, `correlation_id=${HUB_ID}`);
  });

  it('creates the record when one that may exist does not', async () => {
    const ctx = contextFor(basicConfig(fake));

    const { id } = await create(ctx, { short_description: 'never got there' }, { correlationId: HUB_ID, mayExist: true });

    assert.equal(fake.tables.get('incident', id)!.correlation_id, HUB_ID);
    assert.deepEqual(fake.requests.map((r) => r.method), ['GET', 'POST']);
  });

  it('does not take any record for the one looked for when the instance ignores a correlation field the table lacks', async () => {
    // sys_user has no correlation_id: the instance drops the condition and answers with any user.
    const ctx = contextFor(basicConfig(fake, { entities: { sys_user: { correlationField: 'correlation_id' } } }));

    const { id } = await tableEntities.sys_user.create!(ctx, { user_name: 'new.user' }, { correlationId: HUB_ID, mayExist: true });

    assert.equal(fake.tables.count('sys_user'), 3);
    assert.equal(fake.tables.get('sys_user', id)!.user_name, 'new.user');
  });

  it('correlates users through a field the settings name, and warns when an entity has none', async () => {
    fake.tables.define('sys_user', { ...DEFAULT_TABLES.sys_user, columns: [...DEFAULT_TABLES.sys_user.columns, 'u_ihub_id'] });
    const configured = contextFor(basicConfig(fake, { entities: { sys_user: { correlationField: 'u_ihub_id' } } }));
    const plain = contextFor(basicConfig(fake));

    const first = await tableEntities.sys_user.create!(configured, { user_name: 'a' }, { correlationId: HUB_ID, mayExist: false });
    const again = await tableEntities.sys_user.create!(configured, { user_name: 'a' }, { correlationId: HUB_ID, mayExist: true });
    await tableEntities.sys_user.create!(plain, { user_name: 'b' }, { correlationId: 'other-id', mayExist: true });

    assert.equal(again.id, first.id);
    assert.match(plain.logger.warnings.join('\n'), /sys_user: cannot look for a record an interrupted create may have made, as the entity has no correlationField/);
  });

  it("refuses, as an invalid record, a correlation id that would change the lookup's query", async () => {
    const ctx = contextFor(basicConfig(fake));

    await assert.rejects(create(ctx, { short_description: 'x' }, { correlationId: 'a^active=true', mayExist: true }), (err: unknown) => err instanceof RecordInvalidError);
    assert.equal(fake.requests.length, 0);
  });
});
