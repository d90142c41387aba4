import assert from 'node:assert/strict';
import { RecordInvalidError } from '@ihub/plugin-kit';
import type { EntitySettings } from '../../src/entities/entity-settings';
import { parseRow, wireView } from '../../src/entities/record-row';

const settings: EntitySettings = {
  entity: 'incident',
  table: 'incident',
  displayValue: 'false',
  excludeReferenceLink: true,
  correlationField: 'correlation_id',
  correlationDisplayField: 'correlation_display',
  journalFields: ['comments', 'work_notes'],
};

const SYS_ID = '46d44a5dc0a8010e0094ab6d2f4c7f33';

describe('servicenow record rows', () => {
  it('reads a record: sys_id as id, sys_updated_on (UTC) as updatedAt, the row as data', () => {
    const row = { sys_id: SYS_ID, sys_updated_on: '2024-02-29 23:59:59', sys_mod_count: '4', number: 'INC0010001' };

    const parsed = parseRow(row, settings);

    assert.deepEqual(parsed, { ok: true, key: { sysId: SYS_ID, updatedOn: '2024-02-29 23:59:59', modCount: '4' }, record: { id: SYS_ID, data: row, updatedAt: '2024-02-29T23:59:59.000Z' } });
  });

  it('makes rows it cannot read invalid records, each with its reason, next to a good one', () => {
    const good = parseRow({ sys_id: SYS_ID, sys_updated_on: '2024-01-01 00:00:00' }, settings);
    const bad = [
      [['not', 'a', 'record'], /is not a JSON object/],
      [{ number: 'INC0010002', sys_updated_on: '2024-01-01 00:00:00' }, /has no sys_id/],
      [{ sys_id: '', sys_updated_on: '2024-01-01 00:00:00' }, /has no sys_id/],
      [{ sys_id: SYS_ID, sys_updated_on: '01/31/2024 10:00:00 AM' }, /has sys_updated_on '01\/31\/2024 10:00:00 AM', not a date-time/],
      [{ sys_id: SYS_ID, sys_updated_on: '2024-13-45 99:00:00' }, /not a date-time/],
    ] as const;

    assert.equal(good.ok, true);
    for (const [row, reason] of bad) {
      const parsed = parseRow(row, settings);
      assert.equal(parsed.ok, false, JSON.stringify(row));
      assert.ok(parsed.record.invalid instanceof RecordInvalidError);
      assert.match(parsed.record.invalid.message, reason);
    }
  });

  it('names a row without sys_id by a digest of it, the same each time it is read, and a bad one with sys_id by its sys_id', () => {
    const row = { number: 'INC0010002' };

    assert.equal(parseRow(row, settings).record.id, parseRow({ ...row }, settings).record.id);
    assert.notEqual(parseRow(row, settings).record.id, parseRow({ number: 'INC0010003' }, settings).record.id);
    assert.equal(parseRow({ sys_id: SYS_ID, sys_updated_on: 'soon' }, settings).record.id, SYS_ID);
  });

  it('turns an `all` answer into display values for an entity that asked for them, keeping reference links', () => {
    const row = {
      sys_id: { display_value: SYS_ID, value: SYS_ID },
      sys_updated_on: { display_value: '2024-01-31 01:00:00 PM', value: '2024-01-31 13:00:00' },
      priority: { display_value: '1 - Critical', value: '1' },
      caller_id: { display_value: 'Abel Tuter', value: 'abc', link: 'https://acme/api/now/table/sys_user/abc' },
    };

    const parsed = parseRow(row, { ...settings, displayValue: 'true' });

    assert.ok(parsed.ok);
    assert.equal(parsed.record.updatedAt, '2024-01-31T13:00:00.000Z');
    assert.deepEqual(parsed.record.data, {
      sys_id: SYS_ID,
      sys_updated_on: '2024-01-31 01:00:00 PM',
      priority: '1 - Critical',
      caller_id: { display_value: 'Abel Tuter', link: 'https://acme/api/now/table/sys_user/abc' },
    });
  });

  it('asks display values as all, and adds the system fields to configured fields', () => {
    assert.deepEqual(wireView({ ...settings, displayValue: 'true', fields: ['number', 'sys_id'] }), {
      fields: ['number', 'sys_id', 'sys_updated_on', 'sys_mod_count'],
      displayValue: 'all',
      excludeReferenceLink: true,
    });
    assert.equal(wireView(settings).fields, undefined);
  });
});
