'use strict';
// `npm test`: the fast tier (SQLite + in-process) then the integration tier (MariaDB + NATS), both
// always run, then one closing line with the totals of both.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const tiers = process.argv.slice(2).length ? process.argv.slice(2) : ['fast', 'integration'];
const totals = { passes: 0, failures: 0, pending: 0 };
let failed = false;

for (const tier of tiers) {
  const statsFile = path.join(os.tmpdir(), `ihub-test-${tier}-${process.pid}.json`);
  const result = spawnSync(process.execPath, [require.resolve('mocha/bin/mocha.js'), '--config', path.join(root, `.mocharc.${tier}.json`)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, IHUB_TEST_STATS_FILE: statsFile },
  });
  if (result.status !== 0) failed = true;
  if (fs.existsSync(statsFile)) {
    const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    for (const k of Object.keys(totals)) totals[k] += stats[k];
    fs.rmSync(statsFile);
  } else {
    // The tier died before mocha could report (e.g. a syntax error): count it as a failure.
    totals.failures += 1;
    failed = true;
  }
}

process.stdout.write(`\nall tiers: ${totals.passes} passed, ${totals.failures} failed, ${totals.pending} skipped\n`);
process.exit(failed ? 1 : 0);
