import { FAKE_USER, type ServiceNowFake } from '../../fakes/servicenow';
import type { JiraFake } from '../../fakes/jira';
import type { SlapdServer } from '../../fakes/ldap';
import { DEFAULT_API_TOKEN, DEFAULT_HEC_TOKEN, type SplunkFake } from '../../fakes/splunk';

// The variables each example's files name, pointing at the fakes: the only thing tests change.

export const servicenowVars = (snow: ServiceNowFake): Record<string, string> => ({ SNOW_URL: snow.url, SNOW_USER: FAKE_USER.userName, SNOW_PASSWORD: FAKE_USER.password });

/** The Jira project the servicenow-jira example works in. */
export const OPS_PROJECT = [{ id: '10100', key: 'OPS', name: 'Operations' }];

export const jiraVars = (jira: JiraFake): Record<string, string> => ({ JIRA_URL: jira.url, JIRA_EMAIL: jira.credentials.email, JIRA_API_TOKEN: jira.credentials.apiToken, JIRA_PROJECT: 'OPS' });

export const ldapVars = (ldap: SlapdServer): Record<string, string> => ({ LDAP_URL: ldap.url, LDAP_BIND_DN: ldap.bindDN, LDAP_PASSWORD: ldap.password, LDAP_BASE_DN: ldap.baseDN });

export const splunkHecVars = (splunk: SplunkFake): Record<string, string> => ({ SPLUNK_HEC_URL: splunk.url, SPLUNK_HEC_TOKEN: DEFAULT_HEC_TOKEN });

export const splunkSearchVars = (splunk: SplunkFake): Record<string, string> => ({ SPLUNK_API_URL: splunk.url, SPLUNK_API_TOKEN: DEFAULT_API_TOKEN });
