import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { In, Like } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { SecretBox } from '../../../core/src/security';
import { OutboxEvent, WebhookAttempt, WebhookDelivery } from '../../../core/src/store/entities';
import { createSubscription } from '../../../core/src/webhooks/subscription-admin';
import { csvIntegration, TestProject, writeCsv } from '../../support/test-hub';
import { exited, spawnCli, until } from '../../support/cli-process';
import { WebhookConsumer } from '../../support/webhook-consumer';

const EVENTS = 5_000;
const ALL_DELIVERED_WITHIN_MS = 120_000;

describe('webhook delivery when a node of a cluster is killed with SIGKILL mid-delivery', function () {
  this.timeout(240_000);
  let project: TestProject;
  let consumer: WebhookConsumer;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    project = await TestProject.create({});
    project.write({
      // A short lease so that the survivor takes over the dead node's deliveries within seconds.
      hub: { webhooks: { lease: '2s', retrySchedule: ['0s', '1s', '1s', '1s', '1s', '1s'], pollInterval: '50ms' } },
      tenants: [{ code: 'default', webhooks: { allowPrivateTargets: ['127.0.0.1'] } }],
      integrations: [csvIntegration(project, 'src', 'in.csv'), csvIntegration(project, 'dst', 'out.csv')],
      flows: [{ name: 'copy', entity: 'row', source: { integration: 'src', entity: 'file' }, mapping: { id: 'id', v: 'v' }, targets: [{ integration: 'dst', entity: 'file' }] }],
    });
    writeCsv(project.file('in.csv'), ['id', 'v'], Array.from({ length: EVENTS }, (_, i) => [`R${i}`, i]));
    consumer = await WebhookConsumer.start();
    // A consumer that takes a moment per message keeps every node's concurrency slots busy, so a kill always lands mid-delivery.
    consumer.answer = () => ({ status: 200, delayMs: 20 });
  });

  afterEach(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    children.length = 0;
    await consumer.close();
    await project.dispose();
  });

  it('delivers every event at least once, each duplicate with the same webhook-id, all verified by standardwebhooks', async () => {
    const secretKey = randomBytes(32).toString('base64');
    const env = { ...project.env, IHUB_TRANSPORTER: process.env.IHUB_TEST_TRANSPORTER!, IHUB_NAMESPACE: `crash${randomBytes(4).toString('hex')}`, IHUB_SECRET_KEY: secretKey };
    const [victim, survivor] = ['node-a', 'node-b'].map((id) => spawnCli(['start', '--node-id', id, '--config', project.configFile], env, project.root));
    children.push(victim, survivor);
    await until(() => [victim, survivor].every((n) => /ihub node .* started/.test(n.output())), 60_000, 'both nodes to start').catch((err: Error) => {
      throw new Error(`${err.message}\n${victim.output()}\n---\n${survivor.output()}`);
    });

    const hub = await project.open('inspector');
    const { secret } = await createSubscription({ store: hub.store, box: SecretBox.fromEnv({ IHUB_SECRET_KEY: secretKey }), defaultConcurrency: 10 }, hub.tenantId(), {
      name: 'crash', url: consumer.url, events: ['record.*'], enabled: true, maxConcurrency: 10,
    });
    const producer = spawnCli(['sync', 'copy', '--config', project.configFile], env, project.root);
    children.push(producer);

    // Kill the victim while it holds leased deliveries and both nodes have been delivering.
    const leasedBy = (node: string) => hub.store.getRepository(WebhookDelivery).find({ select: { id: true }, where: { status: 'pending', leaseOwner: Like(`${node}#%`) } });
    const attemptsBy = (node: string) => hub.store.getRepository(WebhookAttempt).countBy({ nodeId: node });
    await until(async () => consumer.ids().size >= 1_000 && (await attemptsBy('node-a')) > 0 && (await attemptsBy('node-b')) > 0 && (await leasedBy('node-a')).length > 0, 60_000, 'both nodes delivering');
    victim.kill('SIGKILL');
    await exited(victim);
    const killedAt = Date.now();
    const atKill = consumer.ids().size;
    const orphaned = (await leasedBy('node-a')).map((d) => d.id);
    assert.ok(atKill > 0 && atKill < EVENTS, `killed mid-way: the consumer had ${atKill} of ${EVENTS} events`);
    assert.ok(orphaned.length > 0, 'the killed node held leased deliveries');

    assert.equal(await exited(producer), 0, producer.output());
    const events = await hub.store.getRepository(OutboxEvent).find({ select: { id: true }, where: { type: Like('record.%') } });
    assert.equal(events.length, EVENTS);
    const expected = new Set(events.map((e) => `msg_${e.id}`));
    const missing = () => [...expected].filter((id) => !consumer.ids().has(id));
    await until(() => consumer.ids().size >= EVENTS, ALL_DELIVERED_WITHIN_MS - (Date.now() - killedAt), 'every event at the consumer').catch(() => {
      throw new Error(`${missing().length} of ${EVENTS} events had not arrived ${ALL_DELIVERED_WITHIN_MS / 1000} s after the kill (${atKill} had when node-a was killed)\n${survivor.output().slice(-3000)}`);
    });

    assert.deepEqual(missing(), [], 'no event lost');
    assert.deepEqual([...consumer.ids()].filter((id) => !expected.has(id)), [], 'nothing but these events was sent');
    const verifier = new Webhook(secret);
    const idsOfEvent = new Map<string, Set<string>>();
    for (const message of consumer.received) {
      const payload = verifier.verify(message.body, message.headers) as { type: string; data: { subject: string } };
      const event = `${payload.type} ${payload.data.subject}`;
      idsOfEvent.set(event, (idsOfEvent.get(event) ?? new Set()).add(message.id));
    }
    assert.equal(idsOfEvent.size, EVENTS);
    for (const [event, ids] of idsOfEvent) assert.equal(ids.size, 1, `${event} arrived under ${[...ids].join(', ')}`);

    // What the victim held was sent again by the survivor once the lease lapsed, and every delivery is recorded as done.
    const takenOver = await hub.store.getRepository(WebhookAttempt).find({ where: { deliveryId: In(orphaned), nodeId: 'node-b' } });
    assert.deepEqual(new Set(takenOver.map((a) => a.deliveryId)), new Set(orphaned));
    await until(async () => (await hub.store.getRepository(WebhookDelivery).countBy({ status: 'succeeded' })) === EVENTS, 10_000, 'every delivery recorded as succeeded');
  });
});
