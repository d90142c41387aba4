import assert from 'node:assert/strict';
import { baseSearch, channelOf, configSchema } from '../src/config';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const hecOnly = { hecUrl: 'https://splunk.example.com:8088', hec: { token: 'hec-token' } };
const searchOnly = { apiUrl: 'https://splunk.example.com:8089', auth: { method: 'basic', username: 'svc', password: 'pw' } };

describe('splunk connection config', () => {
  it('fills in defaults: no acknowledgement, 500 events or 1 MB per batch, a day of lookback, a minute of lag', () => {
    const config = configSchema.parse({ ...hecOnly, ...searchOnly, search: { query: 'search index=alerts' } });
    assert.deepEqual(config.hec?.ack, { enabled: false, pollIntervalMs: 1_000, timeoutMs: 60_000 });
    assert.deepEqual(config.hec?.batch, { maxEvents: 500, maxBytes: 1_000_000 });
    assert.equal(config.search?.lookbackSeconds, 86_400);
    assert.equal(config.search?.lagSeconds, 60);
  });

  it('reports every problem at once, at the setting to fix', () => {
    const result = configSchema.safeParse({ hec: { token: 'x' }, search: { query: 'index=a latest=now' } });
    assert.ok(!result.success);
    const paths = result.error.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['apiUrl', 'auth', 'hecUrl', 'search.query']);
  });

  it('derives a GUID channel from the integration id: the same on every call and process, different per integration', () => {
    const config = configSchema.parse(hecOnly);
    assert.match(channelOf(config, 'int-1'), GUID);
    assert.equal(channelOf(config, 'int-1'), channelOf(configSchema.parse(hecOnly), 'int-1'));
    assert.notEqual(channelOf(config, 'int-1'), channelOf(config, 'int-2'));
  });

  it('uses the configured channel when there is one', () => {
    const channel = '0f8fad5b-d9cb-469f-a165-70867728950e';
    assert.equal(channelOf(configSchema.parse({ ...hecOnly, hec: { token: 't', channel } }), 'int-1'), channel);
  });

  it('makes the SPL start with a command, as the REST API wants, and runs saved searches by name', () => {
    const spl = (search: Record<string, unknown>) => baseSearch(configSchema.parse({ ...searchOnly, search }).search!);
    assert.equal(spl({ query: 'index=alerts severity=high' }), 'search index=alerts severity=high');
    assert.equal(spl({ query: 'search index=alerts' }), 'search index=alerts');
    assert.equal(spl({ query: '| tstats count where index=alerts by _time' }), '| tstats count where index=alerts by _time');
    assert.equal(spl({ savedSearch: 'High "severity" alerts' }), '| savedsearch "High \\"severity\\" alerts"');
  });

  it('refuses a query that sets its own time range, next to one that only names a field like it', () => {
    const parse = (query: string) => configSchema.safeParse({ ...searchOnly, search: { query } }).success;
    assert.equal(parse('search index=alerts earliest=-24h'), false);
    assert.equal(parse('search index=alerts (latest = now)'), false);
    assert.equal(parse('search index=alerts earliest_seen=yesterday'), true);
  });
});
