'use strict';
// Mocha's spec output plus one closing line in the plain form CI tooling reads:
// "<tier>: N passed, N failed, N skipped". With IHUB_TEST_STATS_FILE set, the counts are also
// written there for run-tiers.js to add up.
const fs = require('node:fs');
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const tier = process.env.IHUB_TEST_TIER || 'tests';
      process.stdout.write(`\n${tier}: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
      if (process.env.IHUB_TEST_STATS_FILE) fs.writeFileSync(process.env.IHUB_TEST_STATS_FILE, JSON.stringify({ passes, failures, pending }));
    });
  }
}

module.exports = SummaryReporter;
