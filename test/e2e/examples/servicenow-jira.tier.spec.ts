import assert from 'node:assert/strict';
import { startServiceNowFake, type ServiceNowFake } from '../../fakes/servicenow';
import { adfParagraph, startJiraFake, type JiraFake } from '../../fakes/jira';
import { ExampleHub, writesOf } from './example-hub';
import { jiraVars, OPS_PROJECT, servicenowVars } from './example-env';

const NONE = [{ created: 0, updated: 0 }, { created: 0, updated: 0 }];

describe('example servicenow-jira: incidents ⇄ Jira issues', function () {
  this.timeout(60_000);
  let snow: ServiceNowFake;
  let jira: JiraFake;
  let example: ExampleHub;

  beforeEach(async () => {
    snow = await startServiceNowFake({});
    jira = await startJiraFake({ issues: 0, projects: OPS_PROJECT });
    for (const [short_description, state, priority] of [['Email is down', '1', '1'], ['VPN drops every hour', '2', '3'], ['New laptop for Grace', '1', '4']]) {
      snow.tables.insert('incident', { short_description, description: `${short_description}, reported by phone.`, state, priority, active: 'true' });
    }
    example = await ExampleHub.create('servicenow-jira', { ...servicenowVars(snow), ...jiraVars(jira) });
  });
  afterEach(async () => {
    await example?.dispose();
    await Promise.all([snow?.close(), jira?.close()]);
  });

  const incidents = () => snow.tables.all('incident');
  const issueOf = (number: string) => {
    const found = jira.issues.filter((i) => i.summary.startsWith(`${number}:`));
    assert.equal(found.length, 1, `one issue for ${number}`);
    return found[0];
  };
  const statusOf = (number: string) => jira.store.status(issueOf(number).statusId).name;

  it('creates an issue per incident, and reads its own writes back as no change', async () => {
    const first = await example.sync('incidents-to-jira');
    assert.deepEqual(first.map((r) => r.status), ['completed', 'completed']);
    assert.deepEqual(writesOf(first), [{ created: 3, updated: 0 }, { created: 0, updated: 0 }]);
    assert.equal(first[1].counts.unchanged, 3, 'the issues the hub created are echoes, not changes');

    const [email, vpn, laptop] = incidents();
    assert.equal(jira.issues.length, 3);
    assert.equal(issueOf(email.number).summary, `${email.number}: Email is down`);
    assert.deepEqual([statusOf(email.number), statusOf(vpn.number), statusOf(laptop.number)], ['To Do', 'In Progress', 'To Do']);
    assert.equal(jira.store.priority(issueOf(email.number).priorityId!).name, 'Highest');
    assert.ok(issueOf(vpn.number).labels.includes('servicenow'));

    assert.deepEqual(writesOf(await example.sync('incidents-to-jira')), NONE);
    assert.deepEqual(incidents().map((i) => i.sys_mod_count), ['0', '0', '0'], 'nothing was written back to ServiceNow');
  });

  it('brings status changes and comments made in Jira back to the incident, once, without bouncing them', async () => {
    await example.sync('incidents-to-jira');
    const [email, vpn] = incidents();
    const transition = jira.store.transitionsFor(issueOf(email.number)).find((t) => t.to === 'In Progress')!;
    jira.store.transitionIssue(issueOf(email.number), transition);
    jira.store.addComment(issueOf(vpn.number), adfParagraph('Reproduced on the office network.'));

    const back = await example.sync('incidents-to-jira');
    assert.deepEqual(writesOf(back), [{ created: 0, updated: 0 }, { created: 0, updated: 2 }]);
    assert.equal(snow.tables.get('incident', email.sys_id)!.state, '2');
    assert.deepEqual(snow.tables.journal('incident', vpn.sys_id, 'comments'), ['Ada Lovelace (Jira): Reproduced on the office network.']);
    assert.equal(snow.tables.get('incident', vpn.sys_id)!.state, '2', 'a comment leaves the state as it was');

    assert.deepEqual(writesOf(await example.sync('incidents-to-jira')), NONE, 'the writes to ServiceNow do not come back as changes');
    jira.store.addComment(issueOf(vpn.number), adfParagraph('Fixed by the new firmware.'));
    await example.sync('incidents-to-jira');
    assert.deepEqual(snow.tables.journal('incident', vpn.sys_id, 'comments'), ['Ada Lovelace (Jira): Reproduced on the office network.', 'Ada Lovelace (Jira): Fixed by the new firmware.'], 'each comment once');
    assert.deepEqual(writesOf(await example.sync('incidents-to-jira')), NONE);
    assert.equal(jira.issues.length, 3);
  });

  it('carries a change made in ServiceNow to the issue, and it does not come back', async () => {
    await example.sync('incidents-to-jira');
    const [email] = incidents();
    snow.tables.update('incident', email.sys_id, { short_description: 'Email is down for the whole floor', priority: '2' });

    const forward = await example.sync('incidents-to-jira');
    assert.deepEqual(writesOf(forward), [{ created: 0, updated: 1 }, { created: 0, updated: 0 }]);
    assert.equal(issueOf(email.number).summary, `${email.number}: Email is down for the whole floor`);
    assert.equal(jira.store.priority(issueOf(email.number).priorityId!).name, 'High');
    assert.deepEqual(writesOf(await example.sync('incidents-to-jira')), NONE);
  });
});
