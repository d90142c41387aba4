import assert from 'node:assert/strict';
import { startSplunkFake, type ReceivedEvent, type SplunkFake } from '../../fakes/splunk';
import { ExampleHub } from './example-hub';
import { splunkHecVars } from './example-env';

type RunEvent = { flow: string; status: string; counts: { failed: number }; error: { code: string } | null };

describe('example hub-events-splunk: run outcomes and audit records → Splunk HEC', function () {
  this.timeout(60_000);
  let splunk: SplunkFake;
  let example: ExampleHub;

  beforeEach(async () => {
    splunk = await startSplunkFake({ indexes: ['main', 'ihub'] });
    example = await ExampleHub.create('hub-events-splunk', splunkHecVars(splunk));
  });
  afterEach(async () => {
    await example?.dispose();
    await splunk?.close();
  });

  const sent = (sourcetype: string): ReceivedEvent['envelope'][] => splunk.events.map((e) => e.envelope).filter((e) => e.sourcetype === sourcetype);
  const ids = (sourcetype: string) => sent(sourcetype).map((e) => (e.fields as { ihub_id: string }).ihub_id);

  it('forwards audited actions, and the outcome of runs that failed, went partial or completed, each once', async () => {
    // An operator creates an API key with the CLI: an audited action of the tenant.
    const created = await example.cliRun(['api-key', 'create', '--name', 'ops-dashboard', '--scopes', 'read']);
    assert.equal(created.code, 0, created.output);

    // A run stopped by a shutdown fails; one whose events Splunk refuses (a revoked token) is partial.
    const [cancelled] = await example.sync('audit-to-splunk', { signal: AbortSignal.abort() });
    assert.equal(cancelled.status, 'failed');
    splunk.faults.hecErrors.push({ code: 4 });
    const [refused] = await example.sync('audit-to-splunk');
    assert.deepEqual([refused.status, refused.counts.failed], ['partial', 1]);
    assert.equal(splunk.events.length, 0);

    const [retried] = await example.sync('audit-to-splunk');
    assert.equal(retried.status, 'completed');
    const [outcomes] = await example.sync('run-outcomes-to-splunk');
    assert.equal(outcomes.status, 'completed');

    const [audit] = sent('ihub:audit');
    assert.equal(sent('ihub:audit').length, 1, 'the refused record was sent again by the next run, once');
    assert.equal(audit.index, 'ihub');
    assert.deepEqual([(audit.event as { action: string }).action, (audit.event as { details: { name: string } }).details.name], ['createApiKey', 'ops-dashboard']);

    const runs = sent('ihub:run').map((e) => e.event as RunEvent);
    assert.deepEqual(runs.map((r) => [r.flow, r.status]), [['audit-to-splunk', 'failed'], ['audit-to-splunk', 'partial'], ['audit-to-splunk', 'completed']]);
    assert.equal(runs[0].error?.code, 'IHUB_SYNC_CANCELLED');
    assert.equal(runs[1].counts.failed, 1);

    await example.sync('audit-to-splunk');
    await example.sync('run-outcomes-to-splunk');
    assert.equal(sent('ihub:audit').length, 1, 'nothing new to audit');
    assert.deepEqual(sent('ihub:run').slice(3).map((e) => (e.event as RunEvent).flow), ['run-outcomes-to-splunk', 'audit-to-splunk'], 'only the runs since');
    assert.equal(new Set(ids('ihub:run')).size, ids('ihub:run').length, 'no event twice, though each read looks back');
  });
});
