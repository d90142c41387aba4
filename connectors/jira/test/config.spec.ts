import assert from 'node:assert/strict';
import { apiBaseUrl, configSchema } from '../src/config';

const auth = { type: 'basic', email: 'ada@example.com', apiToken: 'token' };

describe('jira config', () => {
  it('fills the defaults of an email + API token config and calls the site', () => {
    const config = configSchema.parse({ siteUrl: 'https://acme.atlassian.net/', auth, projects: ['DEMO'] });
    assert.deepEqual(
      { fields: config.fields, changelog: config.changelog, issueType: config.issueType, statusTransitions: config.statusTransitions, timeoutMs: config.timeoutMs },
      { fields: [], changelog: false, issueType: 'Task', statusTransitions: {}, timeoutMs: 30_000 },
    );
    assert.equal(apiBaseUrl(config), 'https://acme.atlassian.net/rest/api/3');
  });

  it('sends OAuth 2.0 calls through the API gateway with the cloud id', () => {
    const config = configSchema.parse({ siteUrl: 'https://acme.atlassian.net', auth: { type: 'oauth2', accessToken: 'at', cloudId: 'c-1' }, projects: ['DEMO'] });
    assert.equal(apiBaseUrl(config), 'https://api.atlassian.com/ex/jira/c-1/rest/api/3');
  });

  it('reports every problem of a config at once, by path', () => {
    const result = configSchema.safeParse({ siteUrl: 'ftp://acme', auth: { type: 'basic', email: 'not-an-email', apiToken: '' }, projects: ['DEMO', 'DEMO'], jql: 'x = 1 order by y' });
    assert.equal(result.success, false);
    const paths = result.error!.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['auth.apiToken', 'auth.email', 'jql', 'projects', 'siteUrl']);
  });

  it('refuses a repeated project next to an accepted list of projects', () => {
    assert.equal(configSchema.safeParse({ siteUrl: 'https://acme.atlassian.net', auth, projects: ['DEMO', 'OPS'] }).success, true);
    const repeated = configSchema.safeParse({ siteUrl: 'https://acme.atlassian.net', auth, projects: ['DEMO', 'DEMO'] });
    assert.deepEqual(repeated.error?.issues.map((i) => [i.path.join('.'), i.message]), [['projects', 'must not repeat a project']]);
  });
});
