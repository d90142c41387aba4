import assert from 'node:assert/strict';
import type { SourceRecord } from '@ihub/plugin-kit';
import { dialectOf } from '../../src/dialects';
import { DirectoryPass, type Batch } from '../../src/entities/directory-pass';
import { PassRegistry } from '../../src/entities/pass-registry';
import type { LdapConnection } from '../../src/transport';

const records = (...ids: string[]): SourceRecord[] => ids.map((id) => ({ id, data: {} }));

/** A pass over LDAP pages `pages` on a connection that only notes being closed. */
function pass(pages: SourceRecord[][]) {
  const state = { closed: false };
  async function* batches(): AsyncGenerator<Batch> {
    for (const page of pages) yield { records: page };
  }
  const connection = { close: async () => void (state.closed = true) } as unknown as LdapConnection;
  const directoryPass = new DirectoryPass({ entity: 'user', kind: 'full', scope: 's', previous: null, start: { csn: ['c'] }, batches: batches(), connection, dialect: dialectOf('openldap'), maxDeleteShare: 0.5 });
  return { directoryPass, state };
}

describe('directory passes between pages', () => {
  it('serves pages of exactly pageSize whatever the LDAP pages hold, with hasMore true only while records remain', async () => {
    const { directoryPass, state } = pass([records('a', 'b', 'c'), [], records('d'), records('e')]);
    const pages = [await directoryPass.page(2), await directoryPass.page(2), await directoryPass.page(2)];
    assert.deepEqual(pages.map((p) => p.records.map((r) => r.id)), [['a', 'b'], ['c', 'd'], ['e']]);
    assert.deepEqual(pages.map((p) => p.hasMore), [true, true, false]);
    const { fullAt, ...final } = JSON.parse(pages[2].cursor!);
    assert.deepEqual(final, { v: 1, scope: 's', mark: { csn: ['c'] }, count: 5 });
    assert.ok(!Number.isNaN(Date.parse(fullAt)));
    assert.equal(state.closed, true);
  });

  it('closes a pass nobody asked a page for within the idle time, when the next pass starts', async () => {
    const registry = new PassRegistry(0);
    const abandoned = pass([records('a', 'b', 'c')]);
    const first = await registry.start(abandoned.directoryPass, 1);
    assert.equal(first.hasMore, true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await registry.start(pass([records('x')]).directoryPass, 1);
    assert.equal(abandoned.state.closed, true);
    assert.equal(await registry.take(JSON.parse(first.cursor!).pass), undefined);
  });
});
