import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exited, spawnCli } from '../../support/cli-process';
import { REPO_ROOT } from '../../support/test-hub';
import { EXAMPLES_DIR } from './example-hub';

/** What a user would export before running an example: one value per variable the examples name. */
const PLACEHOLDERS: Record<string, string> = {
  SNOW_URL: 'https://acme.service-now.com',
  SNOW_USER: 'svc.ihub',
  SNOW_PASSWORD: 'snow-password',
  JIRA_URL: 'https://acme.atlassian.net',
  JIRA_EMAIL: 'ihub@acme.com',
  JIRA_API_TOKEN: 'jira-api-token',
  LDAP_URL: 'ldaps://ldap.acme.com',
  LDAP_BIND_DN: 'cn=ihub,ou=services,dc=acme,dc=com',
  LDAP_PASSWORD: 'ldap-password',
  LDAP_BASE_DN: 'dc=acme,dc=com',
  SPLUNK_HEC_URL: 'https://splunk.acme.com:8088',
  SPLUNK_HEC_TOKEN: 'hec-token',
  SPLUNK_API_URL: 'https://splunk.acme.com:8089',
  SPLUNK_API_TOKEN: 'splunk-api-token',
};

const examples = fs.readdirSync(EXAMPLES_DIR).filter((name) => fs.existsSync(path.join(EXAMPLES_DIR, name, 'hub.yaml'))).sort();

/** `${NAME}` references (not `${NAME:-default}`) in an example's files. */
function variablesOf(example: string): string[] {
  const files = [path.join(EXAMPLES_DIR, example, 'hub.yaml'), ...fs.readdirSync(path.join(EXAMPLES_DIR, example, 'integrations')).map((f) => path.join(EXAMPLES_DIR, example, 'integrations', f))];
  const names = files.flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]));
  return [...new Set(names)].sort();
}

async function validate(example: string, vars: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !(name in PLACEHOLDERS) && name !== 'IHUB_CONFIG')) as Record<string, string>;
  const child = spawnCli(['validate', path.join(EXAMPLES_DIR, example, 'hub.yaml')], { ...env, ...vars }, REPO_ROOT);
  return { code: await exited(child), output: child.output() };
}

// Runs the built CLI (`npx tsc -b` first), as a user copying an example would.
describe('config/examples', function () {
  this.timeout(60_000);

  it('holds the four example flows, each with a README and an end-to-end test against the fakes', () => {
    assert.deepEqual(examples, ['hub-events-splunk', 'ldap-servicenow', 'servicenow-jira', 'splunk-servicenow']);
    for (const example of examples) {
      assert.ok(fs.existsSync(path.join(EXAMPLES_DIR, example, 'README.md')), `${example}/README.md`);
      assert.ok(fs.existsSync(path.join(__dirname, `${example}.tier.spec.ts`)), `test/e2e/examples/${example}.tier.spec.ts`);
    }
  });

  for (const example of examples) {
    it(`${example}: ihub validate accepts it with its variables set, and names each one missing`, async () => {
      const variables = variablesOf(example);
      assert.ok(variables.length > 0, 'credentials and endpoints come from the environment');
      assert.deepEqual(variables.filter((name) => !(name in PLACEHOLDERS)), [], 'a placeholder for each variable');

      const valid = await validate(example, PLACEHOLDERS);
      assert.equal(valid.code, 0, valid.output);
      assert.match(valid.output, /configuration is valid/);
      assert.doesNotMatch(valid.output, /warning/, 'every connector it names loads');

      const unset = await validate(example, {});
      assert.equal(unset.code, 1);
      for (const name of variables) assert.match(unset.output, new RegExp(`missing environment variable ${name}\\b`));
    });
  }
});
