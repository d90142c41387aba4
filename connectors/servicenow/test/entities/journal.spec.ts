import assert from 'node:assert/strict';
import { startServiceNowFake, type ServiceNowFake } from '../../../../test/fakes/servicenow';
import { tableEntities } from '../../src/entities/table-entity';
import { basicConfig, contextFor } from '../support/servicenow-context';

const incident = tableEntities.incident;

describe('servicenow entities: journal fields (comments, work notes)', () => {
  let fake: ServiceNowFake;
  let id: string;
  beforeEach(async () => {
    fake = await startServiceNowFake({ seed: { incident: 1 } });
    id = fake.tables.all('incident')[0].sys_id;
  });
  afterEach(() => fake.close());

  it('adds each comment of a write as a journal entry, one PATCH each, next to the other fields', async () => {
    const ctx = contextFor(basicConfig(fake));

    await incident.update!(ctx, id, { state: '2', comments: ['Ada: it is the fan', 'Grace: replaced it'], work_notes: 'checked the logs' });

    assert.equal(fake.tables.get('incident', id)!.state, '2');
    assert.deepEqual(fake.tables.journal('incident', id, 'comments'), ['Ada: it is the fan', 'Grace: replaced it']);
    assert.deepEqual(fake.tables.journal('incident', id, 'work_notes'), ['checked the logs']);
    assert.deepEqual(fake.requests.filter((r) => r.method === 'PATCH').map((r) => Object.keys(r.body as object)), [['state'], ['comments'], ['comments'], ['work_notes']]);
  });

  it('adds only the entries the journal does not hold yet, so writing the same comments again adds nothing', async () => {
    const ctx = contextFor(basicConfig(fake));
    await incident.update!(ctx, id, { comments: ['first'] });
    fake.tables.update('incident', id, { comments: 'typed in ServiceNow' });

    const result = await incident.update!(ctx, id, { comments: ['first', 'second'] });
    await incident.update!(ctx, id, { comments: ['first', ' second '] });

    assert.equal(result.id, id);
    assert.deepEqual(fake.tables.journal('incident', id, 'comments'), ['first', 'typed in ServiceNow', 'second']);
  });

  it('creates a record with its comments as journal entries, and a retried create adds none twice', async () => {
    const ctx = contextFor(basicConfig(fake));

    const created = await incident.create!(ctx, { short_description: 'Printer on fire', comments: ['seen smoke'] }, { correlationId: 'hub-1', mayExist: false });
    const retried = await incident.create!(ctx, { short_description: 'Printer on fire', comments: ['seen smoke', 'put out'] }, { correlationId: 'hub-1', mayExist: true });

    assert.equal(retried.id, created.id);
    assert.equal(fake.tables.get('incident', created.id)!.short_description, 'Printer on fire');
    assert.deepEqual(fake.tables.journal('incident', created.id, 'comments'), ['seen smoke', 'put out']);
  });

  it('refuses a journal value that is not text with IHUB_RECORD_INVALID', async () => {
    await assert.rejects(incident.update!(contextFor(basicConfig(fake)), id, { comments: [{ body: 'x' }] }), { code: 'IHUB_RECORD_INVALID' });
  });
});
