'use strict';
// Mocha's spec output plus one closing line in the plain form CI tooling reads: "tier: N passed, N failed, N skipped".
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      const tier = process.env.IHUB_TEST_TIER || 'tests';
      process.stdout.write(`\n${tier}: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
