import assert from 'node:assert/strict';
import { jiraTimestampToIso, parseJiraTimestamp } from '../../src/time/jira-timestamp';
import { jqlDateAtOrBefore } from '../../src/time/jql-date';

describe('jira time', () => {
  it("reads Jira's timestamps with an offset without a colon, and refuses what is not one", () => {
    assert.equal(jiraTimestampToIso('2024-03-01T11:03:20.123+0100'), '2024-03-01T10:03:20.123Z');
    assert.equal(jiraTimestampToIso('2024-03-01T10:03:20Z'), '2024-03-01T10:03:20.000Z');
    assert.equal(jiraTimestampToIso('2024-07-01T02:00:00.000-0430'), '2024-07-01T06:30:00.000Z');
    assert.equal(parseJiraTimestamp('sometime last week'), undefined);
    assert.equal(parseJiraTimestamp('2024-02-30T10:00:00.000+0000'), undefined);
    assert.equal(parseJiraTimestamp(undefined), undefined);
  });

  it("writes the JQL date of an instant in the user's time zone, truncated to the minute", () => {
    const at = Date.parse('2024-03-01T10:05:42.123Z');
    assert.equal(jqlDateAtOrBefore(at, 'UTC'), '2024-03-01 10:05');
    assert.equal(jqlDateAtOrBefore(at, 'Europe/Berlin'), '2024-03-01 11:05');
    assert.equal(jqlDateAtOrBefore(at, 'Asia/Kolkata'), '2024-03-01 15:35');
    assert.equal(jqlDateAtOrBefore(at, 'America/Los_Angeles'), '2024-03-01 02:05');
  });

  it('goes back an hour for a minute that occurs twice when clocks go back, and keeps minutes around a spring-forward gap', () => {
    // 2024-10-27 in Berlin: 02:00–02:59 occur twice; 00:30 UTC is the first 02:30, Jira may read the second.
    assert.equal(jqlDateAtOrBefore(Date.parse('2024-10-27T00:30:00Z'), 'Europe/Berlin'), '2024-10-27 01:30');
    // The second 02:30 (01:30 UTC) is the later reading: safe as it is.
    assert.equal(jqlDateAtOrBefore(Date.parse('2024-10-27T01:30:00Z'), 'Europe/Berlin'), '2024-10-27 02:30');
    // 2024-03-31: 02:00–02:59 do not exist; 01:00 UTC is 03:00 local.
    assert.equal(jqlDateAtOrBefore(Date.parse('2024-03-31T01:00:00Z'), 'Europe/Berlin'), '2024-03-31 03:00');
  });
});
