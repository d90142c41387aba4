import { describeConnectorConformance } from '@ihub/plugin-kit';
import { startJiraFake } from '../../../test/fakes/jira';
import connector from '../src/index';
import { basicConfig } from './support/jira-site';

/** A fake Jira site with seeded issues (every second one has a comment), closed by the cleanup. */
async function jiraSite(options: { wrongToken?: boolean } = {}): Promise<{ config: Record<string, unknown>; cleanup: () => Promise<void> }> {
  const fake = await startJiraFake({ issues: 6, timeZone: 'Europe/Berlin' });
  const config = basicConfig(fake, { webhookSecret: 'conformance-webhook-secret' });
  if (options.wrongToken) config.auth = { ...(config.auth as object), apiToken: 'not-the-token' };
  return { config, cleanup: () => fake.close() };
}

const auth = { type: 'basic', email: 'ada@example.com', apiToken: 'token' };

describeConnectorConformance(connector, {
  validConfig: () => jiraSite(),
  failingConfig: () => jiraSite({ wrongToken: true }),
  invalidConfigs: [
    { config: { auth, projects: ['DEMO'] }, reason: 'siteUrl missing' },
    { config: { siteUrl: 'not a url', auth, projects: ['DEMO'] }, reason: 'siteUrl is not a URL' },
    { config: { siteUrl: 'https://acme.atlassian.net', auth: { type: 'basic', email: 'ada@example.com' }, projects: ['DEMO'] }, reason: 'basic auth without an API token' },
    { config: { siteUrl: 'https://acme.atlassian.net', auth: { type: 'oauth2', accessToken: 'x' }, projects: ['DEMO'] }, reason: 'OAuth 2.0 without a cloud id' },
    { config: { siteUrl: 'https://acme.atlassian.net', auth: { type: 'password', password: 'x' }, projects: ['DEMO'] }, reason: 'unknown auth type' },
    { config: { siteUrl: 'https://acme.atlassian.net', auth, projects: [] }, reason: 'no project' },
    { config: { siteUrl: 'https://acme.atlassian.net', auth, projects: ['demo-1'] }, reason: 'a project key that is not a Jira key' },
    { config: { siteUrl: 'https://acme.atlassian.net', auth, projects: ['DEMO'], jql: 'status = Done ORDER BY created' }, reason: 'JQL with its own ORDER BY' },
    { config: { siteUrl: 'https://acme.atlassian.net', auth, projects: ['DEMO'], pageSize: 10 }, reason: 'an unknown field' },
  ],
  secrets: ['auth.apiToken', 'auth.accessToken', 'webhookSecret'],
  entities: {
    issue: {
      list: { minRecords: 6, pageSize: 2 },
      roundTrip: {
        create: { summary: 'Made by the conformance suite', description: 'Created with **bold** text' },
        update: { summary: 'Updated by the conformance suite', description: 'Now _emphasised_', status: 'In Progress', labels: ['conformance'] },
      },
    },
    comment: {
      list: { minRecords: 3, pageSize: 2 },
      roundTrip: { create: { issue: 'DEMO-1', body: 'First **comment**' }, update: { body: 'Edited comment' } },
    },
  },
});
