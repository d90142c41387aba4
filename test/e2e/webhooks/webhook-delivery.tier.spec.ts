import assert from 'node:assert/strict';
import { Webhook } from 'standardwebhooks';
import { writeCsv } from '../../support/test-hub';
import { until } from '../../support/cli-process';
import { WebhookConsumer } from '../../support/webhook-consumer';
import { OutboxEvent, WebhookSubscription } from '../../../core/src/store/entities';
import { WebhookHub } from './webhook-hub';

describe('outgoing webhooks', function () {
  this.timeout(60_000);
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

  // Rows accumulate: a sync that dropped earlier rows would delete them (and trip the delete threshold).
  const rows: string[][] = [];
  const sync = async (count: number, prefix: string) => {
    rows.push(...Array.from({ length: count }, (_, i) => [`${prefix}${i}`, `${i}`]));
    writeCsv(hub.project.file('in.csv'), ['id', 'v'], rows);
    await hub.node.runtime.engine.runFlow(hub.node.runtime.tenantId(), 'copy');
  };

  it('delivers the events a sync produces, each verified by the standardwebhooks library', async () => {
    const { id, secret } = await hub.subscribe({ url: consumer.url, events: ['record.*'] });
    await sync(20, 'a');
    await until(() => consumer.ids().size >= 20, 20_000, '20 deliveries');
    const verifier = new Webhook(secret);
    for (const message of consumer.received) {
      const payload = verifier.verify(message.body, message.headers) as { type: string; data: { subject: string; flow: string } };
      assert.equal(payload.type, 'record.created');
      assert.equal(payload.data.flow, 'copy');
      assert.match(message.id, /^msg_[0-9a-f-]{36}$/);
    }
    await until(async () => (await hub.api('GET', `/webhooks/subscriptions/${id}/deliveries?status=succeeded&limit=100`)).json.data.length === 20, 10_000, 'deliveries recorded');
    const list = await hub.api('GET', `/webhooks/subscriptions/${id}/deliveries?limit=100`);
    const one = await hub.api('GET', `/webhooks/deliveries/${list.json.data[0].id}`);
    assert.equal(one.json.status, 'succeeded');
    assert.equal(one.json.history.length, 1);
    assert.equal(one.json.history[0].statusCode, 200);
    assert.ok(one.json.history[0].latencyMs >= 0);
  });

  it('sends only the event types and filters asked for', async () => {
    await hub.subscribe({ url: consumer.url, events: ['sync.completed'], filter: { flow: 'copy' } });
    const other = await WebhookConsumer.start();
    try {
      await hub.subscribe({ url: other.url, events: ['record.*'], filter: { entityType: 'not-a-row' } });
      await sync(3, 'f');
      await until(() => consumer.received.length >= 1, 10_000, 'the sync.completed delivery');
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(consumer.received.map((m) => JSON.parse(m.body).type), ['sync.completed']);
      assert.equal(other.received.length, 0, 'the entity filter matched nothing');
    } finally {
      await other.close();
    }
  });

  it('retries 5xx, honours Retry-After on 429, and keeps the same webhook-id on every attempt', async () => {
    consumer.answer = (_m, nth) => (nth === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : nth === 2 ? { status: 503 } : { status: 200 });
    const { id } = await hub.subscribe({ url: consumer.url, events: ['webhook.test'] });
    await hub.api('POST', `/webhooks/subscriptions/${id}/test`, {});
    await until(() => consumer.received.length >= 3, 15_000, 'three attempts');
    const [first, second, third] = consumer.received;
    assert.equal(new Set([first.id, second.id, third.id]).size, 1, 'one message id');
    assert.ok(second.receivedAt - first.receivedAt >= 950, `Retry-After: 1 honoured (waited ${second.receivedAt - first.receivedAt} ms)`);
    const deliveries = await hub.api('GET', `/webhooks/subscriptions/${id}/deliveries`);
    await until(async () => (await hub.api('GET', `/webhooks/deliveries/${deliveries.json.data[0].id}`)).json.status === 'succeeded', 5_000, 'success recorded');
    const detail = await hub.api('GET', `/webhooks/deliveries/${deliveries.json.data[0].id}`);
    assert.deepEqual(detail.json.history.map((a: { statusCode: number }) => a.statusCode), [429, 503, 200]);
  });

  it('gives up after the last step of the schedule, and does not retry a 400', async () => {
    consumer.answer = () => ({ status: 500, body: 'boom' });
    const failing = await hub.subscribe({ url: consumer.url, events: ['webhook.test'] });
    await hub.api('POST', `/webhooks/subscriptions/${failing.id}/test`, {});
    await until(async () => (await hub.api('GET', `/webhooks/subscriptions/${failing.id}/deliveries?status=failed`)).json.data.length === 1, 15_000, 'the delivery to fail for good');
    assert.equal(consumer.received.length, 4, 'a four-step schedule makes four attempts');
    consumer.answer = () => ({ status: 400, body: 'bad' });
    const rejecting = await hub.subscribe({ url: consumer.url, events: ['webhook.test'] });
    await hub.api('POST', `/webhooks/subscriptions/${rejecting.id}/test`, {});
    await until(async () => (await hub.api('GET', `/webhooks/subscriptions/${rejecting.id}/deliveries?status=failed`)).json.data.length === 1, 10_000, 'the 400 to be final');
    assert.equal(consumer.received.length, 5);
    const [delivery] = (await hub.api('GET', `/webhooks/subscriptions/${rejecting.id}/deliveries`)).json.data;
    const detail = await hub.api('GET', `/webhooks/deliveries/${delivery.id}`);
    assert.equal(detail.json.history[0].responseExcerpt, 'bad');
  });

  it('disables a subscription whose consumer answers 410 Gone, and raises webhook.disabled', async () => {
    consumer.answer = () => ({ status: 410 });
    const { id } = await hub.subscribe({ url: consumer.url, events: ['webhook.test'] });
    await hub.api('POST', `/webhooks/subscriptions/${id}/test`, {});
    await until(async () => (await hub.api('GET', `/webhooks/subscriptions/${id}`)).json.enabled === false, 10_000, 'the subscription to be disabled');
    const sub = await hub.api('GET', `/webhooks/subscriptions/${id}`);
    assert.match(sub.json.disabledReason, /410/);
    const disabled = await hub.node.runtime.store.getRepository(OutboxEvent).findOneBy({ type: 'webhook.disabled', subject: id });
    assert.ok(disabled, 'webhook.disabled is in the outbox');
    // A change that does not name `enabled` leaves a disabled subscription disabled.
    const described = await hub.api('PATCH', `/webhooks/subscriptions/${id}`, { description: 'consumer moved' });
    assert.equal(described.json.enabled, false);
    assert.match(described.json.disabledReason, /410/);
    assert.equal((await hub.api('PATCH', `/webhooks/subscriptions/${id}`, {})).status, 400);
    const again = await hub.api('PATCH', `/webhooks/subscriptions/${id}`, { enabled: true });
    assert.equal(again.json.enabled, true);
    assert.equal(again.json.disabledReason, null);
  });

  it('retries a delivery this node could not sign, and sends it once the secret is readable again', async () => {
    const slow = await WebhookHub.start({}, { retrySchedule: ['0s', '1s', '1s', '1s', '1s'] });
    try {
      const { id, secret } = await slow.subscribe({ url: consumer.url, events: ['webhook.test'] });
      const subscriptions = slow.node.runtime.store.getRepository(WebhookSubscription);
      const stored = (await subscriptions.findOneByOrFail({ id })).secret;
      // As if the secret had been encrypted under a key this node does not have.
      await subscriptions.update({ id }, { secret: 'v1.not-this-key.AAAA.AAAA.AAAA' });
      await slow.api('POST', `/webhooks/subscriptions/${id}/test`, {});
      const deliveries = `/webhooks/subscriptions/${id}/deliveries`;
      await until(async () => (await slow.api('GET', deliveries)).json.data.some((d: { attempts: number }) => d.attempts >= 1), 10_000, 'a first attempt');
      const [first] = (await slow.api('GET', deliveries)).json.data;
      assert.equal(first.status, 'pending');
      assert.match(first.lastError, /IHUB_SECRET_/);
      assert.equal(consumer.received.length, 0);
      await subscriptions.update({ id }, { secret: stored });
      await until(() => consumer.received.length === 1, 10_000, 'the retried delivery');
      new Webhook(secret).verify(consumer.received[0].body, consumer.received[0].headers);
    } finally {
      await slow.stop();
    }
  });

  it('refuses private addresses for a tenant that does not allow them, by IP and by name', async () => {
    const byIp = await hub.subscribe({ url: consumer.url, events: ['webhook.test'] }, hub.keys.other);
    const byName = await hub.subscribe({ url: consumer.url.replace('127.0.0.1', 'localhost'), events: ['webhook.test'] }, hub.keys.other);
    for (const { id } of [byIp, byName]) await hub.api('POST', `/webhooks/subscriptions/${id}/test`, {}, hub.keys.other);
    for (const { id } of [byIp, byName]) {
      await until(async () => (await hub.api('GET', `/webhooks/subscriptions/${id}/deliveries?status=failed`, undefined, hub.keys.other)).json.data.length === 1, 10_000, 'the refused delivery');
      const [delivery] = (await hub.api('GET', `/webhooks/subscriptions/${id}/deliveries`, undefined, hub.keys.other)).json.data;
      assert.match(delivery.lastError, /private address/);
      assert.equal(delivery.attempts, 1, 'a refused address is not retried');
    }
    assert.equal(consumer.received.length, 0, 'nothing reached the consumer');
  });

  it('signs with both secrets during a rotation overlap, and with the new one only after', async () => {
    const { id, secret: old } = await hub.subscribe({ url: consumer.url, events: ['webhook.test'] });
    const rotated = await hub.api('POST', `/webhooks/subscriptions/${id}/rotate-secret`, { overlapSeconds: 3600 });
    assert.notEqual(rotated.json.secret, old);
    assert.ok(rotated.json.secretRotatedUntil);
    await hub.api('POST', `/webhooks/subscriptions/${id}/test`, {});
    await until(() => consumer.received.length === 1, 10_000, 'the test event');
    assert.ok(new Webhook(old).verify(consumer.received[0].body, consumer.received[0].headers));
    assert.ok(new Webhook(rotated.json.secret).verify(consumer.received[0].body, consumer.received[0].headers));
    const again = await hub.api('POST', `/webhooks/subscriptions/${id}/rotate-secret`, { overlapSeconds: 0 });
    await hub.api('POST', `/webhooks/subscriptions/${id}/test`, {});
    await until(() => consumer.received.length === 2, 10_000, 'the second test event');
    const last = consumer.received[1];
    assert.ok(new Webhook(again.json.secret).verify(last.body, last.headers));
    assert.throws(() => new Webhook(rotated.json.secret).verify(last.body, last.headers), /signature/i);
  });

  it('redelivers one delivery and replays a time range with the original message ids', async () => {
    const started = new Date(Date.now() - 1000);
    const { id } = await hub.subscribe({ url: consumer.url, events: ['record.created'] });
    await sync(5, 'r');
    await until(() => consumer.received.length === 5, 10_000, 'five deliveries');
    const firstIds = consumer.ids();
    const [delivery] = (await hub.api('GET', `/webhooks/subscriptions/${id}/deliveries`)).json.data;
    const redelivered = await hub.api('POST', `/webhooks/deliveries/${delivery.id}/redeliver`, {});
    assert.equal(redelivered.status, 202);
    await until(() => consumer.received.length === 6, 10_000, 'the redelivery');
    assert.equal(consumer.received[5].id, delivery.messageId);
    const replay = await hub.api('POST', `/webhooks/subscriptions/${id}/replay`, { since: started.toISOString() });
    assert.ok(replay.json.queued >= 5, `queued ${replay.json.queued}`);
    await until(() => consumer.received.length >= 6 + replay.json.queued, 10_000, 'the replay');
    for (const m of consumer.received.slice(6)) assert.ok(m.id.startsWith('msg_'));
    assert.ok([...firstIds].every((mid) => consumer.received.slice(6).some((m) => m.id === mid)), 'replayed messages keep their ids');
    const bad = await hub.api('POST', `/webhooks/subscriptions/${id}/replay`, { since: new Date().toISOString(), until: started.toISOString() });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.details[0].field, 'until');
  });

  it('sends nothing more to a subscription disabled mid-backlog, nothing for events while it is off, and replay fills the gap', async () => {
    const started = new Date();
    // One at a time, slowly: the node claims ten ahead, which would take a second to send.
    consumer.answer = () => ({ status: 200, delayMs: 100 });
    const { id } = await hub.subscribe({ url: consumer.url, events: ['record.created'], filter: { flow: 'copy' }, maxConcurrency: 1 });
    await sync(40, 'd');
    await until(() => consumer.received.length >= 3, 10_000, 'the first deliveries');
    await hub.api('PATCH', `/webhooks/subscriptions/${id}`, { enabled: false });
    // What was in flight when it was switched off may still land; then nothing.
    await new Promise((r) => setTimeout(r, 500));
    const whileOff = consumer.received.length;
    await sync(5, 'off');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(consumer.received.length, whileOff, 'nothing is sent while disabled');
    assert.ok(whileOff < 40, `the backlog was cut short (${whileOff} of 40 sent)`);

    await hub.api('PATCH', `/webhooks/subscriptions/${id}`, { enabled: true });
    await until(() => consumer.ids().size === 40, 15_000, 'the rest of the backlog after re-enabling');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(consumer.ids().size, 40, 'events from while it was disabled are not sent on re-enabling');
    const replay = await hub.api('POST', `/webhooks/subscriptions/${id}/replay`, { since: started.toISOString() });
    assert.equal(replay.json.queued, 45);
    await until(() => consumer.ids().size === 45, 15_000, 'the replay, with the events from while it was off');
  });

  it('answers 400 naming the field for a bad subscription, and serves the event catalog with schemas', async () => {
    const bad = await hub.api('POST', '/webhooks/subscriptions', { name: 'bad', url: 'ftp://example.com', events: ['record.exploded'] });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.error.details.map((d: { field: string }) => d.field).sort(), ['events.0', 'url']);
    const catalog = await hub.api('GET', '/webhooks/event-types');
    const types = catalog.json.data.map((t: { type: string }) => t.type);
    for (const t of ['record.created', 'sync.failed', 'webhook.disabled']) assert.ok(types.includes(t), t);
    assert.equal(catalog.json.data[0].schema.properties.type.const, catalog.json.data[0].type);
  });

  it('never shows a secret after creation', async () => {
    const { id, secret } = await hub.subscribe({ url: consumer.url, events: ['*'] });
    for (const path of ['/webhooks/subscriptions', `/webhooks/subscriptions/${id}`]) {
      const res = await hub.api('GET', path);
      assert.ok(!res.text.includes(secret) && !res.text.includes('whsec_'), path);
    }
    const [row] = await hub.node.runtime.store.getRepository(WebhookSubscription).findBy({ id });
    assert.ok(!row.secret!.includes(secret.slice(6)), 'stored encrypted');
  });
});
