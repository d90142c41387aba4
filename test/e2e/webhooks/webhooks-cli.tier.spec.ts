import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { AuditLog, WebhookSubscription } from '../../../core/src/store/entities';
import { writeCsv } from '../../support/test-hub';
import { exited, spawnCli, until } from '../../support/cli-process';
import { WebhookConsumer } from '../../support/webhook-consumer';
import { WebhookHub } from './webhook-hub';

// The built CLI (`npx tsc -b` first) against the database of a running hub node, as an operator would use it.
describe('ihub webhooks', function () {
  this.timeout(90_000);
  let hub: WebhookHub;
  let consumer: WebhookConsumer;

  before(async () => {
    hub = await WebhookHub.start();
  });
  after(async () => hub?.stop());
  beforeEach(async () => {
    consumer = await WebhookConsumer.start();
  });
  afterEach(async () => consumer.close());

  async function cli(args: string[], env: NodeJS.ProcessEnv = hub.env): Promise<{ code: number | null; out: string }> {
    const child = spawnCli(['-c', hub.project.configFile, 'webhooks', ...args], env, hub.project.root);
    const code = await exited(child);
    return { code, out: child.output() };
  }

  async function create(args: string[]): Promise<{ id: string; secret: string; out: string }> {
    const { code, out } = await cli(['create', ...args]);
    assert.equal(code, 0, out);
    const [, id] = /^id=(\S+)$/m.exec(out)!;
    const [, secret] = /^secret=(whsec_\S+)$/m.exec(out)!;
    return { id, secret, out };
  }

  /** Rows of the CLI's table whose first cell is `first`. */
  const row = (out: string, first: string) => out.split('\n').find((l) => l.startsWith(`│ ${first} `)) ?? '';

  it('creates a subscription whose secret verifies its deliveries, lists it without the secret, and shows and redelivers its deliveries', async () => {
    const events = await cli(['events']);
    assert.equal(events.code, 0, events.out);
    for (const type of ['record.created', 'sync.failed', 'webhook.test']) assert.match(events.out, new RegExp(`│ ${type.replace('.', '\\.')} `));

    const { id, secret, out } = await create(['--name', 'crm', '--url', consumer.url, '--events', 'record.*,webhook.test', '--entity', 'row', '--flow', 'copy', '--description', 'the CRM', '--max-concurrency', '4']);
    assert.match(out, /shown once/);
    const stored = await hub.node.runtime.store.getRepository(WebhookSubscription).findOneByOrFail({ id });
    assert.deepEqual([stored.name, stored.url, stored.eventTypes, stored.filter, stored.description, stored.maxConcurrency, stored.enabled], ['crm', consumer.url, ['record.*', 'webhook.test'], { entityType: 'row', flow: 'copy' }, 'the CRM', 4, true]);

    const listed = await cli(['list']);
    assert.equal(listed.code, 0, listed.out);
    assert.match(row(listed.out, id), /crm .*record\.\*,webhook\.test .*entity=row flow=copy .*yes .* 4 /);
    assert.ok(!listed.out.includes('whsec_'), 'list never shows a secret');

    const test = await cli(['test', id]);
    assert.equal(test.code, 0, test.out);
    const [, messageId] = /as message (msg_\S+);/.exec(test.out)!;
    await until(() => consumer.received.length === 1, 10_000, 'the test event');
    const [first] = consumer.received;
    assert.equal(first.id, messageId);
    assert.equal((new Webhook(secret).verify(first.body, first.headers) as { type: string }).type, 'webhook.test');

    await until(async () => (await cli(['deliveries', id, '--status', 'succeeded'])).out.includes(messageId), 10_000, 'the delivery recorded as succeeded');
    const deliveries = await cli(['deliveries', id]);
    const line = deliveries.out.split('\n').find((l) => l.includes(messageId)) ?? '';
    assert.match(line, /webhook\.test\s*│\s*succeeded\s*│\s*1\s*│\s*200\s*│/);
    const deliveryId = line.split('│')[1].trim();

    const again = await cli(['redeliver', deliveryId]);
    assert.equal(again.code, 0, again.out);
    await until(() => consumer.received.length === 2, 10_000, 'the redelivery');
    assert.equal(consumer.received[1].id, messageId, 'a redelivery keeps the message id');

    const audited = await hub.node.runtime.store.getRepository(AuditLog).find({ where: { target: `webhook-subscription:${id}` }, order: { seq: 'ASC' } });
    assert.deepEqual(audited.map((a) => a.action), ['createWebhookSubscription', 'sendWebhookTestEvent']);
    assert.match(audited[0].actor, /^cli:/);
    assert.ok(!JSON.stringify(audited).includes(secret.slice(6)), 'the audit trail holds no secret');
  });

  it('disables, re-enables, narrows, rotates the secret of and deletes a subscription', async () => {
    const { id, secret: old } = await create(['--name', 'ops', '--url', consumer.url, '--events', 'webhook.test', '--flow', 'copy']);

    const disabled = await cli(['update', id, '--disable']);
    assert.equal(disabled.code, 0, disabled.out);
    assert.match(row(disabled.out, id), /│ no /);
    const enabled = await cli(['update', id, '--enable', '--entity', 'row']);
    assert.match(row(enabled.out, id), /entity=row flow=copy .*│ yes /, '--entity keeps the flow filter');
    const cleared = await cli(['update', id, '--clear-filter']);
    assert.doesNotMatch(row(cleared.out, id), /entity=|flow=/);

    const rotated = await cli(['rotate-secret', id, '--overlap', '1h']);
    assert.equal(rotated.code, 0, rotated.out);
    const [, fresh] = /^secret=(whsec_\S+)$/m.exec(rotated.out)!;
    assert.notEqual(fresh, old);
    assert.match(rotated.out, /the previous one also signs until/);
    await cli(['test', id]);
    await until(() => consumer.received.length === 1, 10_000, 'the test event');
    const [during] = consumer.received;
    assert.ok(new Webhook(old).verify(during.body, during.headers), 'the old secret verifies during the overlap');
    assert.ok(new Webhook(fresh).verify(during.body, during.headers));

    const ended = await cli(['rotate-secret', id, '--overlap', '0']);
    const [, last] = /^secret=(whsec_\S+)$/m.exec(ended.out)!;
    await cli(['test', id]);
    await until(() => consumer.received.length === 2, 10_000, 'the second test event');
    const after = consumer.received[1];
    assert.ok(new Webhook(last).verify(after.body, after.headers));
    assert.throws(() => new Webhook(fresh).verify(after.body, after.headers), /signature/i);

    const deleted = await cli(['delete', id]);
    assert.equal(deleted.code, 0, deleted.out);
    assert.equal(row((await cli(['list'])).out, id), '');
    const gone = await cli(['test', id]);
    assert.equal(gone.code, 1);
    assert.match(gone.out, new RegExp(`^error IHUB_NOT_FOUND: webhook subscription '${id}' not found`));
  });

  it('replays the events of a time range with their original message ids', async () => {
    const started = new Date(Date.now() - 1000).toISOString();
    const { id } = await create(['--name', 'replayed', '--url', consumer.url, '--events', 'record.created']);
    writeCsv(hub.project.file('in.csv'), ['id', 'v'], [['r1', '1'], ['r2', '2'], ['r3', '3']]);
    await hub.node.runtime.engine.runFlow(hub.node.runtime.tenantId(), 'copy');
    await until(() => consumer.received.length === 3, 10_000, 'three deliveries');
    const replayed = await cli(['replay', id, '--since', started]);
    assert.equal(replayed.code, 0, replayed.out);
    assert.match(replayed.out, /^queued 3 deliveries of events from /);
    await until(() => consumer.received.length === 6, 10_000, 'the replayed deliveries');
    assert.deepEqual(consumer.received.slice(3).map((m) => m.id).sort(), consumer.received.slice(0, 3).map((m) => m.id).sort());
  });

  it('refuses bad input with a coded error naming the option, and changes nothing', async () => {
    const { id } = await create(['--name', 'kept', '--url', consumer.url, '--events', 'webhook.test']);
    const refusals: Array<[string[], RegExp]> = [
      [['create', '--name', 'bad', '--url', 'ftp://example.com', '--events', 'record.exploded'], /^error IHUB_VALIDATION: --url: must be an http or https URL; --events: must be an event type/],
      [['create', '--name', 'bad', '--events', 'record.*'], /^error IHUB_VALIDATION: --url: /],
      [['create', '--name', 'bad', '--url', consumer.url, '--events', ' , '], /^error IHUB_VALIDATION: --events: /],
      [['create', '--name', 'Bad Name', '--url', consumer.url, '--events', '*', '--max-concurrency', '0'], /^error IHUB_VALIDATION: --name: .*; --max-concurrency: /],
      [['create', '--name', 'kept', '--url', consumer.url, '--events', '*'], /^error IHUB_CONFLICT: a webhook subscription named 'kept' exists/],
      [['update', id], /^error IHUB_VALIDATION: give at least one of --url/],
      [['update', id, '--enable', '--disable'], /^error IHUB_VALIDATION: --enable\/--disable: give one of them, not both/],
      [['update', id, '--max-concurrency', 'many'], /^error IHUB_VALIDATION: --max-concurrency: /],
      [['rotate-secret', id, '--overlap', '8d'], /^error IHUB_VALIDATION: --overlap: must be at most 7d/],
      [['rotate-secret', id, '--overlap', 'soon'], /^error IHUB_VALIDATION: --overlap: must be a duration/],
      [['replay', id], /^error IHUB_VALIDATION: --since: /],
      [['replay', id, '--since', '2026-01-02T00:00:00Z', '--until', '2026-01-01T00:00:00Z'], /^error IHUB_VALIDATION: --until: must be after --since/],
      [['deliveries', id, '--status', 'lost'], /^error IHUB_VALIDATION: --status: /],
      [['deliveries', id, '--tenant', 'other'], new RegExp(`^error IHUB_NOT_FOUND: webhook subscription '${id}' not found`)],
      [['list', '--tenant', 'nope'], /^error IHUB_CONFIG_INVALID: [\s\S]*unknown tenant 'nope'/],
      [['redeliver', '00000000-0000-0000-0000-000000000000'], /^error IHUB_NOT_FOUND: webhook delivery/],
    ];
    for (const [args, expected] of refusals) {
      const { code, out } = await cli(args);
      assert.equal(code, 1, `${args.join(' ')}: ${out}`);
      assert.match(out, expected, args.join(' '));
    }
    const env = { ...hub.env };
    delete (env as Record<string, string | undefined>).IHUB_SECRET_KEY;
    const keyless = await cli(['create', '--name', 'keyless', '--url', consumer.url, '--events', '*'], env);
    assert.equal(keyless.code, 1);
    assert.match(keyless.out, /^error IHUB_SECRET_KEY_MISSING: /);

    const rows = await hub.node.runtime.store.getRepository(WebhookSubscription).findBy({ name: 'kept' });
    assert.deepEqual(rows.map((r) => [r.eventTypes, r.enabled, r.maxConcurrency]), [[['webhook.test'], true, 10]]);
    assert.equal(await hub.node.runtime.store.getRepository(WebhookSubscription).countBy({ name: 'bad' }), 0);
  });
});
