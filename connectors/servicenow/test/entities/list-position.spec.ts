import assert from 'node:assert/strict';
import { positionCondition, PositionTracker, SEEN_LIMIT, START } from '../../src/entities/list-position';

const T = '2024-01-01 06:00:00';
const key = (n: number, updatedOn = T, modCount = '0') => ({ sysId: n.toString(16).padStart(32, '0'), updatedOn, modCount });

describe('servicenow list position', () => {
  it('asks for everything at the start, and for the boundary second on (>=) after it', () => {
    assert.equal(positionCondition(START), undefined);
    assert.equal(positionCondition({ since: T, after: null, seen: ['a:0'] }), `sys_updated_on>=${T}`);
  });

  it('asks for the rest of a compacted second with ^OR binding to the condition before it', () => {
    assert.equal(positionCondition({ since: T, after: 'abc', seen: [] }), `sys_updated_on>=${T}^sys_updated_on>${T}^ORsys_id>abc`);
    assert.equal(positionCondition({ since: '', after: 'abc', seen: [] }), 'sys_updated_onISNOTEMPTY^ORsys_id>abc');
  });

  it('remembers the records of the current second only, and forgets them when a later second starts', () => {
    const tracker = new PositionTracker(START);
    tracker.deliver(key(1, '2024-01-01 05:00:00'));
    tracker.deliver(key(2));
    tracker.deliver(key(3));

    assert.deepEqual(tracker.position(), { since: T, after: null, seen: [`${key(2).sysId}:0`, `${key(3).sysId}:0`] });
    assert.equal(tracker.delivered(key(2)), true);
    assert.equal(tracker.delivered(key(2, T, '1')), false, 'changed again within the second');
    assert.equal(tracker.delivered(key(4)), false, 'inserted into the second');
  });

  it(`compacts a second of more than ${SEEN_LIMIT} records to how far through it the read got`, () => {
    const tracker = new PositionTracker(START);
    for (let n = 1; n <= SEEN_LIMIT + 1; n++) tracker.deliver(key(n));

    const position = tracker.position();

    assert.deepEqual(position, { since: T, after: key(SEEN_LIMIT + 1).sysId, seen: [] });
    assert.equal(new PositionTracker(position).delivered(key(7)), true);
  });

  it('compacts a stalled answer to the last record it went through, so the next one moves on', () => {
    const start = { since: T, after: null, seen: [key(1), key(2)].map((k) => `${k.sysId}:0`) };
    const tracker = new PositionTracker(start);
    tracker.skip(key(1));
    tracker.skip(key(2));

    assert.deepEqual(tracker.position(true), { since: T, after: key(2).sysId, seen: [] });
  });
});
