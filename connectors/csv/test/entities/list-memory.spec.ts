import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileEntity } from '../../src/entities/file-entity';
import { TempFolder } from '../support/file-context';

const ROWS = 200_000;
const MB = 1024 * 1024;

async function writeBigCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('id,name,email,team,title,notes\n');
  for (let i = 0; i < ROWS; i += 1) {
    if (!out.write(`${i},Person ${i},person${i}@example.com,team-${i % 97},Senior integration specialist ${i % 13},"notes, with a comma, for row ${i}, which the hub lists one page at a time"\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('csv file entity: list of a large file', function () {
  this.timeout(120_000);
  const folder = new TempFolder();
  before(async () => {
    await folder.create();
    await writeBigCsv(folder.file('big.csv'));
  });
  after(() => folder.remove());

  it('streams a 200k-row file page by page with bounded memory', async () => {
    // Collecting every few pages makes the bound about what a page's read holds (a reader that
    // loaded the file would hold all of it), not about garbage V8 has not collected yet.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let seen = 0;
    let pages = 0;
    let cursor: string | null = null;
    const ctx = folder.context('big.csv');
    for (;;) {
      if (pages++ % 20 === 0) gc();
      const page = await fileEntity.list!(ctx, { cursor, pageSize: 1000 });
      seen += page.records.length;
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }

    assert.equal(seen, ROWS);
    assert.ok(peak < 50 * MB, `heap grew by ${(peak / MB).toFixed(1)} MB while listing`);
  });
});
