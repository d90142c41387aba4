import assert from 'node:assert/strict';
import { collectRanged, type Values } from '../src/range-retrieval';

/** A server that holds `total` member values and serves at most `step` per read, AD style. */
function rangedServer(total: number, step: number) {
  const all = Array.from({ length: total }, (_, i) => `cn=m${i}`);
  const reads: string[] = [];
  const slice = (from: number): Map<string, Values> => {
    const to = Math.min(from + step, total) - 1;
    const last = to === total - 1;
    return new Map([[`member;range=${from}-${last ? '*' : to}`, all.slice(from, to + 1)]]);
  };
  return { all, reads, first: slice(0), read: async (ranged: string) => (reads.push(ranged), slice(Number(/range=(\d+)-/.exec(ranged)![1]))) };
}

describe('AD range retrieval', () => {
  it('collects every value of a group larger than one range, asking for each next range', async () => {
    const server = rangedServer(3200, 1500);
    const values = await collectRanged(server.first, 'member', server.read);
    assert.deepEqual(values, server.all);
    assert.deepEqual(server.reads, ['member;range=1500-*', 'member;range=3000-*']);
  });

  it('returns the plain attribute as it is, without reading', async () => {
    const values = await collectRanged(new Map([['member', ['cn=a', 'cn=b']]]), 'member', async () => assert.fail('no read expected'));
    assert.deepEqual(values, ['cn=a', 'cn=b']);
  });

  it('matches the attribute name without case and returns nothing when the entry has none', async () => {
    assert.deepEqual(await collectRanged(new Map([['member;range=0-*', ['cn=a']]]), 'Member', async () => new Map()), ['cn=a']);
    assert.deepEqual(await collectRanged(new Map([['cn', ['x']]]), 'member', async () => new Map()), []);
  });

  it('stops when the server answers a range request without a range', async () => {
    const values = await collectRanged(new Map([['member;range=0-1', ['cn=a', 'cn=b']]]), 'member', async () => new Map());
    assert.deepEqual(values, ['cn=a', 'cn=b']);
  });
});
