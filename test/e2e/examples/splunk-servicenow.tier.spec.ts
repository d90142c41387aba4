import assert from 'node:assert/strict';
import { startServiceNowFake, type ServiceNowFake } from '../../fakes/servicenow';
import { startSplunkFake, type SeedEvent, type SplunkFake } from '../../fakes/splunk';
import { ExternalMapping, Integration } from '../../../core/src/store/entities';
import { ExampleHub } from './example-hub';
import { servicenowVars, splunkSearchVars } from './example-env';

/** An alert event at `seconds` (epoch, with a fraction). */
const alert = (seconds: number, rule: string, host: string, severity = 'high'): SeedEvent => ({ time: seconds, index: 'security', sourcetype: 'alert', host, event: { rule, severity, user: 'mallory' } });

describe('example splunk-servicenow: alert search → ServiceNow incidents', function () {
  this.timeout(60_000);
  let splunk: SplunkFake;
  let snow: ServiceNowFake;
  let example: ExampleHub;
  const ago = (seconds: number) => Date.now() / 1000 - seconds;

  beforeEach(async () => {
    splunk = await startSplunkFake({
      indexes: ['main', 'security'],
      events: [
        alert(ago(600), 'brute force', 'web-01'),
        alert(ago(550), 'port scan', 'db-01', 'low'),
        alert(ago(500), 'malware beacon', 'laptop-17'),
        alert(ago(400), 'brute force', 'web-02'),
        { time: ago(450), index: 'main', sourcetype: 'access', host: 'web-01', event: { status: 200 } },
      ],
    });
    snow = await startServiceNowFake({});
    example = await ExampleHub.create('splunk-servicenow', { ...splunkSearchVars(splunk), ...servicenowVars(snow) });
  });
  afterEach(async () => {
    await example?.dispose();
    await Promise.all([splunk?.close(), snow?.close()]);
  });

  const incidents = () => snow.tables.all('incident');
  /** earliest_time and latest_time of each search export, in epoch seconds. */
  const windows = () =>
    splunk.requests.filter((r) => r.path.endsWith('/search/jobs/export')).map((r) => {
      const form = new URLSearchParams(r.body);
      return [Number(form.get('earliest_time')), Number(form.get('latest_time'))];
    });

  it('opens one incident per high-severity alert, marked with the hub id, then reads only what Splunk indexed since', async () => {
    const [first] = await example.sync('alerts-to-incidents');
    assert.equal(first.status, 'completed', JSON.stringify(first.errors));
    assert.equal(first.counts.created, 3);
    assert.deepEqual(incidents().map((i) => i.short_description), ['Splunk alert: brute force on web-01', 'Splunk alert: malware beacon on laptop-17', 'Splunk alert: brute force on web-02']);
    const [incident] = incidents();
    assert.deepEqual([incident.category, incident.urgency, incident.correlation_display], ['security', '1', 'ihub']);
    assert.match(incident.description, /^Raised by Splunk at .* for user mallory\.\n\n\{/);
    const hub = await example.hub();
    const ids = (await hub.store.getRepository(ExternalMapping).findBy({ externalEntity: 'incident' })).map((m) => m.internalEntityId);
    assert.deepEqual(new Set(incidents().map((i) => i.correlation_id)), new Set(ids), "each incident carries its alert's hub id");

    const [second] = await example.sync('alerts-to-incidents');
    assert.deepEqual([second.counts.processed, second.counts.created], [0, 0]);
    const [[, firstUntil], [secondFrom, secondUntil]] = windows();
    assert.equal(secondFrom, firstUntil, 'the next run asks from where the last one stopped');
    assert.ok(firstUntil < Date.now() / 1000 - 59, 'and only up to a minute ago (lagSeconds)');

    // An alert at the very instant the last window ended: earliest_time is inclusive, so the next window holds it.
    splunk.seed([alert(secondUntil, 'privilege escalation', 'web-01')]);
    const [third] = await example.sync('alerts-to-incidents');
    assert.equal(third.counts.created, 1);
    assert.equal(incidents().length, 4);
  });

  it('opens no second incident for an alert read again, even when the hub lost track of its incident', async () => {
    await example.sync('alerts-to-incidents');
    const [reread] = await example.sync('alerts-to-incidents', { full: true });
    assert.deepEqual([reread.counts.processed, reread.counts.created, reread.counts.unchanged], [3, 0, 3]);

    // What a crash between creating the incidents and saving their mappings leaves behind.
    const hub = await example.hub();
    const servicenow = await hub.store.getRepository(Integration).findOneByOrFail({ name: 'servicenow' });
    await hub.store.getRepository(ExternalMapping).delete({ integrationId: servicenow.id });
    const [repaired] = await example.sync('alerts-to-incidents', { full: true });
    assert.equal(repaired.status, 'completed', JSON.stringify(repaired.errors));
    assert.equal(incidents().length, 3, 'found by correlation_id, not created again');
    assert.equal(await hub.store.getRepository(ExternalMapping).countBy({ integrationId: servicenow.id }), 3);
    assert.ok(snow.requests.some((r) => r.method === 'GET' && /correlation_id=/.test(r.query.sysparm_query ?? '')), 'looked up by correlation_id');
  });
});
