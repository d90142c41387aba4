import assert from 'node:assert/strict';
import { startServiceNowFake, type ServiceNowFake } from '../../fakes/servicenow';
import { startJiraFake, type JiraFake } from '../../fakes/jira';
import { exited, until } from '../../support/cli-process';
import { ExampleHub } from './example-hub';
import { jiraVars, OPS_PROJECT, servicenowVars } from './example-env';

const INCIDENTS = 150;

// Runs the built CLI (`npx tsc -b` first), as an operator would, and kills it as a crash would.
describe('example servicenow-jira: a sync killed with SIGKILL mid-run', function () {
  this.timeout(120_000);
  let snow: ServiceNowFake;
  let jira: JiraFake;
  let example: ExampleHub;

  beforeEach(async () => {
    snow = await startServiceNowFake({ seed: { incident: INCIDENTS } });
    jira = await startJiraFake({ issues: 0, projects: OPS_PROJECT });
    example = await ExampleHub.create('servicenow-jira', { ...servicenowVars(snow), ...jiraVars(jira) });
  });
  afterEach(async () => {
    await example?.dispose();
    await Promise.all([snow?.close(), jira?.close()]);
  });

  it('leaves exactly one Jira issue per incident once a later run completes', async () => {
    // Slow creates, so the kill lands between creating issues and committing their mappings.
    jira.faults.slow(25, 10_000, { method: 'POST', path: /^\/rest\/api\/3\/issue$/ });
    const child = example.cli(['sync', 'incidents-to-jira']);
    await until(() => jira.issues.length >= 40 || child.exitCode !== null, 60_000, '40 issues in Jira');
    assert.equal(child.exitCode, null, `the run ended before it could be killed:\n${child.output()}`);
    child.kill('SIGKILL');
    await exited(child);
    const atKill = jira.issues.length;
    assert.ok(atKill < INCIDENTS, 'killed before the end');

    jira.faults.clear();
    const again = await example.cliRun(['sync', 'incidents-to-jira']);
    assert.equal(again.code, 0, again.output);

    const numbers = jira.issues.map((i) => i.summary.split(':')[0]);
    assert.equal(numbers.length, INCIDENTS, `no duplicates of the ${atKill} issues created before the kill, none missing`);
    assert.deepEqual(new Set(numbers), new Set(snow.tables.all('incident').map((i) => i.number)));
    const correlations = jira.issues.map((i) => i.labels.find((l) => l.startsWith('ihub-')));
    assert.equal(new Set(correlations).size, INCIDENTS, 'each issue carries its own correlation label');

    const [forward, reverse] = await example.sync('incidents-to-jira');
    assert.deepEqual([forward.counts.created, reverse.counts.created, reverse.counts.updated], [0, 0, 0]);
    assert.equal(jira.issues.length, INCIDENTS);
  });
});
