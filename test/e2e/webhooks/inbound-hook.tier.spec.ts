import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { AuditLog, Integration, SyncLog } from '../../../core/src/store/entities';
import { csvIntegration, readCsv, writeCsv } from '../../support/test-hub';
import { until } from '../../support/cli-process';
import { WebhookHub } from './webhook-hub';

const SECRET = 'inbound-secret-0123456789';

describe('inbound webhooks (/hooks/{integrationId})', function () {
  this.timeout(60_000);
  let hub: WebhookHub;
  let srcId: string;

  before(async () => {
    hub = await WebhookHub.start((project) => ({
      integrations: [csvIntegration(project, 'src', 'in.csv', 'id', { webhookSecret: SECRET }), csvIntegration(project, 'dst', 'out.csv'), csvIntegration(project, 'plain', 'plain.csv')],
    }));
    writeCsv(hub.project.file('in.csv'), ['id', 'v'], [['a', '1']]);
    srcId = (await hub.node.runtime.store.getRepository(Integration).findOneByOrFail({ name: 'src' })).id;
  });
  after(async () => hub?.stop());

  const post = (id: string, body: string, signature?: string) =>
    fetch(`${hub.node.apiUrl}/hooks/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature ? { 'x-ihub-signature': signature } : {}) }, body });
  const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

  it('takes signed changed rows and writes them through the flow before answering', async () => {
    const body = JSON.stringify({ rows: [{ id: 'pushed-1', v: 'x' }, { id: 'pushed-2', v: 'y' }] });
    const res = await post(srcId, body, sign(body));
    assert.equal(res.status, 200, await res.clone().text());
    const answer = (await res.json()) as { accepted: number; runs: { runId: string }[] };
    assert.equal(answer.accepted, 2);
    assert.deepEqual(readCsv(hub.project.file('out.csv')).map((r) => r.id).sort(), ['pushed-1', 'pushed-2']);
    const run = await hub.node.runtime.store.getRepository(SyncLog).findOneByOrFail({ id: answer.runs[0].runId });
    assert.equal(run.syncType, 'webhook');
  });

  it('starts an incremental run for a signed "file changed" notice', async () => {
    const res = await post(srcId, '{}', sign('{}'));
    assert.equal(res.status, 202);
    await until(() => readCsv(hub.project.file('out.csv')).some((r) => r.id === 'a'), 20_000, 'the run to copy row a');
  });

  it('rejects a wrong or missing signature with 401, audits it, and runs nothing', async () => {
    const runs = await hub.node.runtime.store.getRepository(SyncLog).count();
    const body = JSON.stringify({ rows: [{ id: 'forged', v: 'z' }] });
    for (const signature of [sign(body, 'not-the-secret-at-all'), undefined, sign(`${body} `)]) {
      const res = await post(srcId, body, signature);
      assert.equal(res.status, 401);
    }
    assert.equal(await hub.node.runtime.store.getRepository(SyncLog).count(), runs);
    assert.ok(!readCsv(hub.project.file('out.csv')).some((r) => r.id === 'forged'));
    const audited = await hub.node.runtime.store.getRepository(AuditLog).findBy({ action: 'inbound.rejected' });
    assert.equal(audited.length, 3);
    assert.equal(audited[0].outcome, 'denied');
  });

  it('answers 400 for a signed body it cannot read, and 404 for unknown or webhook-less integrations', async () => {
    const bad = JSON.stringify({ rows: [{ v: 'no id' }] });
    const res = await post(srcId, bad, sign(bad));
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /rows\[0\].*'id'/);
    assert.equal((await post('00000000-0000-4000-8000-000000000000', '{}', sign('{}'))).status, 404);
    assert.equal((await post('not-an-id', '{}')).status, 404);
    const plain = await hub.node.runtime.store.getRepository(Integration).findOneByOrFail({ name: 'plain' });
    assert.equal((await post(plain.id, '{}', sign('{}'))).status, 404);
  });
});
