import assert from 'node:assert/strict';
import type { InboundAction, InboundRequest } from '@ihub/plugin-kit';
import { adfParagraph, commentWebhook, issueWebhook, signWebhook, type JiraFake } from '../../../../test/fakes/jira';
import connector from '../../src/index';
import { basicConfig, contextFor, useJiraSite } from '../support/jira-site';

const SECRET = 'whsec-jira-test';

/** A delivery of `body` as Jira sends it; `signature` null sends none. */
function delivery(body: unknown, signature: string | null = signWebhook(JSON.stringify(body), SECRET)): InboundRequest {
  return { headers: signature === null ? {} : { 'x-hub-signature': signature }, query: {}, rawBody: Buffer.from(JSON.stringify(body)) };
}

describe('jira inbound webhooks', () => {
  const site = useJiraSite({ issues: 2 });
  const handle = (request: InboundRequest, config: Record<string, unknown> = { webhookSecret: SECRET }): Promise<InboundAction> =>
    connector.inbound!.handle(contextFor(basicConfig(site.fake, config)).ctx, request);
  const issue = (fake: JiraFake, key: string) => fake.store.findIssue(key)!;

  it('turns a signed issue event into the issue record as the API reads it now', async () => {
    const payload = issueWebhook(site.fake, 'jira:issue_updated', 'DEMO-1');
    site.fake.store.editIssue(issue(site.fake, 'DEMO-1'), { summary: 'changed after the event was sent' });

    const action = await handle(delivery(payload));

    assert.equal(action.kind, 'records');
    if (action.kind !== 'records') return;
    assert.equal(action.entity, 'issue');
    assert.deepEqual(action.records.map((r) => [r.id, r.data.summary, r.data.description]), [[issue(site.fake, 'DEMO-1').id, 'changed after the event was sent', 'Seeded description 1.']]);
  });

  it('turns a deleted issue, and an issue gone by the time it is read, into tombstones', async () => {
    const deleted = issueWebhook(site.fake, 'jira:issue_deleted', 'DEMO-2');
    const updated = issueWebhook(site.fake, 'jira:issue_updated', 'DEMO-2');
    const id = issue(site.fake, 'DEMO-2').id;
    site.fake.store.deleteIssue(issue(site.fake, 'DEMO-2'));

    for (const payload of [deleted, updated]) {
      assert.deepEqual(await handle(delivery(payload)), { kind: 'records', entity: 'issue', records: [{ id, data: { id, key: 'DEMO-2' }, deleted: true }] });
    }
  });

  it('turns comment events into comment records and tombstones', async () => {
    const target = issue(site.fake, 'DEMO-1');
    const comment = site.fake.store.addComment(target, adfParagraph('From the webhook'));
    const created = await handle(delivery(commentWebhook(site.fake, 'comment_created', 'DEMO-1', comment.id)));
    assert.deepEqual(created.kind === 'records' && [created.entity, created.records[0].id, created.records[0].data.body], ['comment', `${target.id}:${comment.id}`, 'From the webhook']);

    const payload = commentWebhook(site.fake, 'comment_deleted', 'DEMO-1', comment.id);
    site.fake.store.deleteComment(target, comment);
    assert.deepEqual(await handle(delivery(payload)), { kind: 'records', entity: 'comment', records: [{ id: `${target.id}:${comment.id}`, data: { issue: target.id }, deleted: true }] });
  });

  it('refuses a wrong, missing or tampered signature, and every call when no secret is configured', async () => {
    const payload = issueWebhook(site.fake, 'jira:issue_updated', 'DEMO-1');
    const refused = { kind: 'respond', status: 401 };
    const statusOf = (a: InboundAction) => ({ kind: a.kind, status: a.kind === 'respond' ? a.status : undefined });

    assert.deepEqual(statusOf(await handle(delivery(payload, signWebhook(JSON.stringify(payload), 'another-secret')))), refused);
    assert.deepEqual(statusOf(await handle(delivery(payload, null))), refused);
    assert.deepEqual(statusOf(await handle(delivery(payload, 'sha256=zz'))), refused);
    const tampered = delivery(payload);
    tampered.rawBody = Buffer.from(JSON.stringify({ ...payload, webhookEvent: 'jira:issue_deleted' }));
    assert.deepEqual(statusOf(await handle(tampered)), refused);
    assert.deepEqual(statusOf(await handle(delivery(payload), {})), refused);
    assert.equal((await handle(delivery(payload))).kind, 'records');
  });

  it('acknowledges and ignores other events and other projects, and answers 400 to a body that is no webhook', async () => {
    assert.deepEqual(await handle(delivery({ webhookEvent: 'worklog_created', worklog: {} })), { kind: 'respond', status: 200, body: { ignored: 'worklog_created' } });
    const elsewhere = { ...issueWebhook(site.fake, 'jira:issue_updated', 'DEMO-1'), issue: { id: '77', key: 'OPS-1', fields: { project: { key: 'OPS' } } } };
    assert.deepEqual(await handle(delivery(elsewhere)), { kind: 'respond', status: 200, body: { ignored: 'project OPS' } });
    const notJson = { headers: { 'x-hub-signature': signWebhook('not json', SECRET) }, query: {}, rawBody: Buffer.from('not json') };
    assert.deepEqual(await handle(notJson), { kind: 'respond', status: 400, body: { error: 'the body is not a Jira webhook' } });
  });
});
