import { describeConnectorConformance } from '@ihub/plugin-kit';
import connector from '../src/index';
import { DEFAULT_API_TOKEN, DEFAULT_HEC_TOKEN, startSplunkFake } from '../../../test/fakes/splunk';
import { eventsBefore, FAST_RETRY } from './support/splunk-context';

/** A fake Splunk with five alerts of the last hour, and a config that sends and reads. */
async function splunkWithAlerts(): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const fake = await startSplunkFake({ events: eventsBefore(Date.now(), 5) });
  const config = {
    hecUrl: fake.url,
    apiUrl: fake.url,
    hec: { token: DEFAULT_HEC_TOKEN, index: 'main', sourcetype: 'ihub:record' },
    auth: { method: 'token', token: DEFAULT_API_TOKEN },
    search: { query: 'search index=main sourcetype=alert' },
    retry: FAST_RETRY,
  };
  return { config, cleanup: () => fake.close() };
}

async function splunkRefusingTheToken(): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const fake = await startSplunkFake();
  return { config: { hecUrl: fake.url, hec: { token: 'not-a-known-token' }, retry: FAST_RETRY }, cleanup: () => fake.close() };
}

const hec = { hecUrl: 'https://splunk.example.com:8088', hec: { token: 'hec-token' } };
const search = { apiUrl: 'https://splunk.example.com:8089', auth: { method: 'token', token: 'api-token' } };

describeConnectorConformance(connector, {
  validConfig: splunkWithAlerts,
  invalidConfigs: [
    { config: {}, reason: 'neither hec nor search configured' },
    { config: { hec: { token: 'hec-token' } }, reason: 'hec without hecUrl' },
    { config: { ...hec, hecUrl: 'ftp://splunk.example.com' }, reason: 'hecUrl not http(s)' },
    { config: { ...hec, hec: { token: '' } }, reason: 'empty HEC token' },
    { config: { ...hec, hec: { token: 'hec-token', channel: 'not-a-guid' } }, reason: 'channel not a GUID' },
    { config: { ...hec, hec: { token: 'hec-token', ack: { enabled: true, pollIntervalMs: 5_000, timeoutMs: 1_000 } } }, reason: 'ack timeout shorter than its poll interval' },
    { config: { ...hec, hec: { token: 'hec-token', batch: { maxEvents: 0 } } }, reason: 'batch of no events' },
    { config: { apiUrl: search.apiUrl, search: { query: 'search index=main' } }, reason: 'search without auth' },
    { config: { ...search, search: { query: 'search index=main', savedSearch: 'alerts' } }, reason: 'both query and savedSearch' },
    { config: { ...search, search: {} }, reason: 'neither query nor savedSearch' },
    { config: { ...search, search: { query: 'search index=main earliest=-1d' } }, reason: 'query sets its own time range' },
    { config: { ...search, auth: { method: 'oauth', token: 'x' }, search: { query: 'search *' } }, reason: 'unknown auth method' },
    { config: { ...hec, hecToken: 'misplaced' }, reason: 'unknown setting' },
  ],
  secrets: ['hec.token', 'auth.token', 'auth.password'],
  failingConfig: splunkRefusingTheToken,
  entities: {
    event: { roundTrip: { create: { action: 'login', user: 'ada' }, update: { action: 'logout' } } },
    search: { list: { minRecords: 5 } },
  },
  skip: {
    'idempotent-create:event':
      'HEC is append-only and cannot look an event up, so a create retried after a crash is sent again (at-least-once); its indexed field ihub_id carries the correlation id for dedup at search time',
  },
});
