import assert from 'node:assert/strict';
import { configSchema } from '../../src/config';
import { dialectOf } from '../../src/dialects';
import { planPass } from '../../src/entities/pass-plan';
import type { ListState } from '../../src/entities/list-cursor';

const ad = dialectOf('ad');
const openldap = dialectOf('openldap');
const config = configSchema.parse({ urls: ['ldap://x'], dialect: 'ad', bindDN: 'svc@corp', password: 'pw', baseDN: 'DC=corp,DC=example', fullScanIntervalMinutes: 60 });
const now = new Date('2024-05-01T12:00:00Z');
const state = (over: Partial<ListState> = {}): ListState => ({ v: 1, scope: 's', mark: { usn: '1000', invocationId: 'dc-1' }, fullAt: '2024-05-01T11:30:00Z', count: 10, ...over });

describe('change marks: when a pass can be incremental', () => {
  it('makes the first read, a read under another scope and the periodic pass complete', () => {
    const current = { usn: '1000', invocationId: 'dc-1' };
    assert.equal(planPass(null, 's', current, ad, config, now).kind, 'full');
    assert.equal(planPass(state({ mark: null }), 's', current, ad, config, now).kind, 'full');
    assert.deepEqual(planPass(state(), 'other', current, ad, config, now), { kind: 'full', reason: 'the base DN, filter or dialect changed' });
    assert.equal(planPass(state({ fullAt: '2024-05-01T11:00:00Z' }), 's', current, ad, config, now).kind, 'full');
  });

  it('AD: reads from the USN after the last highestCommittedUSN, nothing when it has not moved', () => {
    assert.deepEqual(planPass(state(), 's', { usn: '1042', invocationId: 'dc-1' }, ad, config, now), { kind: 'delta', filter: '(uSNChanged>=1001)' });
    assert.deepEqual(planPass(state(), 's', { usn: '1000', invocationId: 'dc-1' }, ad, config, now), { kind: 'unchanged' });
  });

  it('AD: makes a complete pass when another DC answers or the USN went back', () => {
    const dcChange = planPass(state(), 's', { usn: '5000', invocationId: 'dc-2' }, ad, config, now);
    assert.equal(dcChange.kind, 'full');
    assert.match((dcChange as { reason: string }).reason, /invocationId dc-1 is now dc-2/);
    const rollback = planPass(state(), 's', { usn: '900', invocationId: 'dc-1' }, ad, config, now);
    assert.match((rollback as { reason: string }).reason, /from 1000 to 900 \(a USN rollback\)/);
  });

  it('OpenLDAP: reads from the second of the oldest provider CSN, leaving out what that CSN covers', () => {
    const previous = { csn: ['20240501110000.000100Z#000000#001#000000', '20240501115959.999999Z#000000#002#000000'] };
    assert.deepEqual(openldap.compare(previous, { csn: ['20240501120000.000000Z#000000#001#000000', previous.csn[1]] }), {
      kind: 'changed',
      filter: '(&(modifyTimestamp>=20240501110000Z)(!(entryCSN<=20240501110000.000100Z#000000#001#000000)))',
    });
    assert.deepEqual(openldap.compare(previous, { csn: [...previous.csn] }), { kind: 'unchanged' });
  });

  it('makes a complete pass from a cursor written for the other dialect', () => {
    assert.equal(ad.compare({ csn: ['20240501110000.000100Z#000000#001#000000'] }, { usn: '1', invocationId: 'x' }).kind, 'full');
    assert.equal(openldap.compare({ usn: '1', invocationId: 'x' }, { csn: ['20240501110000.000100Z#000000#001#000000'] }).kind, 'full');
  });
});
