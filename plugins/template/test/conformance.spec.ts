import { describeConnectorConformance } from '@ihub/plugin-kit';
import connector from '../src/index';
import { FakeItemsApi } from './fakes/items-api.fake';

/** A fake API with three items, and a config for it with `apiKey`; stopped by the cleanup. */
async function fakeApi(apiKey?: string): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const api = new FakeItemsApi();
  await api.start();
  for (const name of ['a', 'b', 'c']) api.put({ name });
  return { config: { endpoint: api.endpoint, apiKey: apiKey ?? api.apiKey }, cleanup: () => api.stop() };
}

describeConnectorConformance(connector, {
  validConfig: () => fakeApi(),
  invalidConfigs: [
    { config: { apiKey: 'k' }, reason: 'endpoint missing' },
    { config: { endpoint: 'ftp://example.com', apiKey: 'k' }, reason: 'endpoint not http(s)' },
    { config: { endpoint: 'https://example.com' }, reason: 'apiKey missing' },
    { config: { endpoint: 'https://example.com', apiKey: '' }, reason: 'apiKey empty' },
    { config: { endpoint: 'https://example.com', apiKey: 'k', apikey: 'k' }, reason: 'unknown field (a typo)' },
  ],
  secrets: ['apiKey'],
  failingConfig: () => fakeApi('wrong-key'),
  entities: {
    items: { list: { minRecords: 3 }, roundTrip: { create: { name: 'conformance' }, update: { name: 'conformance, updated' } } },
  },
});
