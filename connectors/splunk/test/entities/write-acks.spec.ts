import assert from 'node:assert/strict';
import { eventEntity } from '../../src/entities/event-entity';
import { DEFAULT_HEC_TOKEN, startSplunkFake, type SplunkFake } from '../../../../test/fakes/splunk';
import { create, hecSettings, splunkContext } from '../support/splunk-context';

const write = eventEntity.write!;
const ackRequests = (fake: SplunkFake) => fake.requests.filter((r) => r.path === '/services/collector/ack');

describe('splunk event entity: indexer acknowledgement', () => {
  let fake: SplunkFake | undefined;
  afterEach(() => fake?.close());

  async function ackingSplunk(ackDelayMs: number): Promise<SplunkFake> {
    fake = await startSplunkFake({ hecTokens: { [DEFAULT_HEC_TOKEN]: { ack: true } }, ackDelayMs });
    return fake;
  }

  it('polls the ack endpoint until the batch is indexed, then reports the events written', async () => {
    const splunk = await ackingSplunk(1_000);
    const ctx = splunkContext(hecSettings(splunk, { ack: { enabled: true, pollIntervalMs: 50, timeoutMs: 10_000 } }));
    const outcomes = await write(ctx, [create({ n: 1 }, 'a'), create({ n: 2 }, 'b')]);

    assert.deepEqual(outcomes, [{ ok: true, id: 'a' }, { ok: true, id: 'b' }]);
    const polls = ackRequests(splunk);
    assert.ok(polls.length >= 2, `expected several polls, got ${polls.length}`);
    assert.ok(polls.every((p) => p.body === '{"acks":[0]}' && p.headers['x-splunk-request-channel'] === ctx.client.channel));
  });

  it('asks about the ackIds of every batch in one poll, and no more about those already confirmed', async () => {
    const splunk = await ackingSplunk(0);
    const ctx = splunkContext(hecSettings(splunk, { ack: { enabled: true, pollIntervalMs: 10, timeoutMs: 1_000 }, batch: { maxEvents: 1 } }));
    const outcomes = await write(ctx, [create({ n: 1 }, 'a'), create({ n: 2 }, 'b'), create({ n: 3 }, 'c')]);

    assert.ok(outcomes.every((o) => o.ok));
    assert.deepEqual(ackRequests(splunk).map((p) => p.body), ['{"acks":[0,1,2]}']);
  });

  it('fails the unacknowledged events as retryable once the ack timeout passes', async () => {
    const splunk = await ackingSplunk(60_000);
    const ctx = splunkContext(hecSettings(splunk, { ack: { enabled: true, pollIntervalMs: 20, timeoutMs: 150 } }));
    const outcomes = await write(ctx, [create({ n: 1 }, 'a'), create({ n: 2 }, 'b')]);

    for (const outcome of outcomes) {
      assert.ok(!outcome.ok);
      assert.equal(outcome.error.code, 'IHUB_UPSTREAM_TIMEOUT');
      assert.equal(outcome.error.retryable, true);
      assert.match(outcome.error.message, /did not acknowledge 1 batch\(es\) within 150 ms/);
    }
  });

  it('waits the poll interval between polls, and no longer than the timeout', async () => {
    const splunk = await ackingSplunk(60_000);
    let now = 0;
    const waits: number[] = [];
    const clock = { now: () => now, sleep: async (ms: number) => void (waits.push(ms), (now += ms)) };
    const ctx = splunkContext(hecSettings(splunk, { ack: { enabled: true, pollIntervalMs: 250, timeoutMs: 1_000 } }), clock);
    const [outcome] = await write(ctx, [create({ n: 1 }, 'a')]);

    assert.ok(!outcome.ok && outcome.error.retryable);
    assert.deepEqual(waits, [250, 250, 250, 250]);
    assert.equal(ackRequests(splunk).length, 5);
  });

  it('with acknowledgement on, fails as retryable the events HEC took before one it refused, since no ackId confirms them', async () => {
    const splunk = await ackingSplunk(0);
    splunk.faults.hecErrors.push({ code: 6, invalidEventNumber: 1 });
    const ctx = splunkContext(hecSettings(splunk, { ack: { enabled: true, pollIntervalMs: 10, timeoutMs: 1_000 } }));
    const outcomes = await write(ctx, [create({ n: 0 }, 'taken'), create({ n: 1 }, 'refused'), create({ n: 2 }, 'resent')]);

    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : `${o.error.code}:${o.error.retryable}`)),
      ['IHUB_UPSTREAM_ERROR:true', 'IHUB_RECORD_INVALID:false', 'ok'],
    );
  });

  it('counts events as written when the token has acknowledgement off, and says so in the log', async () => {
    fake = await startSplunkFake();
    const ctx = splunkContext(hecSettings(fake, { ack: { enabled: true, pollIntervalMs: 10, timeoutMs: 100 } }));
    const outcomes = await write(ctx, [create({ n: 1 }, 'a')]);

    assert.deepEqual(outcomes, [{ ok: true, id: 'a' }]);
    assert.equal(ackRequests(fake).length, 0);
    assert.match(ctx.logger.warnings.join('\n'), /sent no ackId/);
  });
});
