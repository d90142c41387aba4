import assert from 'node:assert/strict';
import { UpstreamThrottledError, type WriteOutcome } from '@ihub/plugin-kit';
import { eventEntity } from '../../src/entities/event-entity';
import { HEC_CODES, startSplunkFake, type SplunkFake } from '../../../../test/fakes/splunk';
import { create, hecSettings, recordingSleep, splunkContext } from '../support/splunk-context';

const write = eventEntity.write!;
const eventRequests = (fake: SplunkFake) => fake.requests.filter((r) => r.path === '/services/collector/event');
const describeOutcome = (o: WriteOutcome) => (o.ok ? 'ok' : `${o.error.code} retryable=${o.error.retryable}`);

/**
 * What each HEC code does to a batch of two requests' worth of events (maxEvents 2, four events).
 * Codes of one event fail that event; codes of the request fail its batch and the unsent one.
 */
const CASES: Array<{ code: number; expected: string[]; because: string }> = [
  { code: 1, expected: Array(4).fill('IHUB_UPSTREAM_AUTH retryable=false'), because: 'a disabled token stays disabled' },
  { code: 2, expected: Array(4).fill('IHUB_UPSTREAM_AUTH retryable=false'), because: 'no token was sent' },
  { code: 3, expected: Array(4).fill('IHUB_UPSTREAM_AUTH retryable=false'), because: 'the authorization header is malformed' },
  { code: 4, expected: Array(4).fill('IHUB_UPSTREAM_AUTH retryable=false'), because: 'the token is unknown' },
  { code: 5, expected: Array(4).fill('IHUB_UPSTREAM_ERROR retryable=false'), because: 'an empty body will stay empty' },
  { code: 6, expected: ['IHUB_RECORD_INVALID retryable=false', 'ok', 'ok', 'ok'], because: 'one event is malformed' },
  { code: 7, expected: Array(4).fill('IHUB_CONFIG_INVALID retryable=false'), because: 'the index is the config’s' },
  { code: 10, expected: Array(4).fill('IHUB_CONFIG_INVALID retryable=false'), because: 'the channel is the config’s' },
  { code: 11, expected: Array(4).fill('IHUB_CONFIG_INVALID retryable=false'), because: 'the channel is the config’s' },
  { code: 12, expected: ['IHUB_RECORD_INVALID retryable=false', 'ok', 'ok', 'ok'], because: 'one event lacks the event field' },
  { code: 13, expected: ['IHUB_RECORD_INVALID retryable=false', 'ok', 'ok', 'ok'], because: 'one event is blank' },
  { code: 14, expected: Array(4).fill('IHUB_CONFIG_INVALID retryable=false'), because: 'acknowledgement is the token’s setting' },
  { code: 15, expected: ['IHUB_RECORD_INVALID retryable=false', 'ok', 'ok', 'ok'], because: 'one event has bad indexed fields' },
];

/** Codes answered with a 5xx: retried by the transport, then failed as retryable when they persist. */
const TRANSIENT = [8, 9, 18, 19, 20];

describe('splunk event entity: HEC error codes', () => {
  let fake: SplunkFake;
  beforeEach(async () => {
    fake = await startSplunkFake();
  });
  afterEach(() => fake.close());

  const batch = () => [create({ n: 0 }, 'a'), create({ n: 1 }, 'b'), create({ n: 2 }, 'c'), create({ n: 3 }, 'd')];

  for (const { code, expected, because } of CASES) {
    it(`maps HEC code ${code} (${HEC_CODES[code].status} ${HEC_CODES[code].text}) as ${expected[0]}: ${because}`, async () => {
      fake.faults.hecErrors.push({ code, invalidEventNumber: 0 });
      const ctx = splunkContext(hecSettings(fake, { batch: { maxEvents: 2 } }));
      const outcomes = await write(ctx, batch());

      assert.deepEqual(outcomes.map(describeOutcome), expected);
      // A request-wide refusal is not repeated for the batches after it.
      if (expected[3] !== 'ok') assert.equal(eventRequests(fake).length, 1);
    });
  }

  for (const code of TRANSIENT) {
    it(`retries HEC code ${code} (${HEC_CODES[code].status} ${HEC_CODES[code].text}) and fails the events as retryable when it persists`, async () => {
      fake.faults.hecErrors.push(...Array(3).fill({ code }));
      const ctx = splunkContext(hecSettings(fake));
      const outcomes = await write(ctx, batch());

      assert.ok(outcomes.every((o) => !o.ok && o.error.retryable), outcomes.map(describeOutcome).join(', '));
      assert.equal(eventRequests(fake).length, 3, 'the first attempt and two retries');
    });
  }

  it('honours Retry-After of a busy HEC, then sends the batch once it is free', async () => {
    fake.faults.hecErrors.push({ code: 9, retryAfterSeconds: 7 });
    const { delays, sleep } = recordingSleep();
    const ctx = splunkContext(hecSettings(fake), { sleep });
    const outcomes = await write(ctx, batch());

    assert.deepEqual(delays, [7_000]);
    assert.ok(outcomes.every((o) => o.ok));
    assert.equal(fake.events.length, 4);
  });

  it('fails at once, as throttled with the wait asked, when Retry-After is longer than maxRetryAfterMs', async () => {
    fake.faults.hecErrors.push({ code: 9, retryAfterSeconds: 600 });
    const { delays, sleep } = recordingSleep();
    const ctx = splunkContext(hecSettings(fake, {}, { retry: { maxRetryAfterMs: 60_000 } }), { sleep });
    const [outcome] = await write(ctx, [create({ n: 0 }, 'a')]);

    assert.deepEqual(delays, []);
    assert.ok(!outcome.ok && outcome.error instanceof UpstreamThrottledError);
    assert.equal(outcome.error.retryAfterMs, 600_000);
  });

  it('rides out a burst of 500s with backoff and sends the batch once', async () => {
    fake.faults.serverErrors = 2;
    const ctx = splunkContext(hecSettings(fake));
    const outcomes = await write(ctx, batch());

    assert.ok(outcomes.every((o) => o.ok));
    assert.equal(eventRequests(fake).length, 3);
    assert.equal(fake.events.length, 4);
  });

  it('fails the events as retryable when HEC answers slower than timeoutMs', async () => {
    fake.faults.delayMs = 1_500;
    const ctx = splunkContext(hecSettings(fake, {}, { timeoutMs: 1_000, retry: { retries: 0 } }));
    const [outcome] = await write(ctx, [create({ n: 0 }, 'a')]);

    assert.ok(!outcome.ok && outcome.error.code === 'IHUB_UPSTREAM_TIMEOUT' && outcome.error.retryable);
  });

  it('fails every event with a coded, non-retryable auth error for a token HEC does not know, without the token in it', async () => {
    const ctx = splunkContext(hecSettings(fake, { token: 'f0e1d2c3-unknown-token' }));
    const outcomes = await write(ctx, batch());

    for (const outcome of outcomes) {
      assert.ok(!outcome.ok);
      assert.equal(outcome.error.code, 'IHUB_UPSTREAM_AUTH');
      assert.equal(outcome.error.retryable, false);
      assert.match(outcome.error.message, /Invalid token \(HEC code 4\)/);
      assert.doesNotMatch(JSON.stringify({ message: outcome.error.message, data: outcome.error.data }), /f0e1d2c3-unknown-token/);
    }
  });

  it('fails the events with a config error naming hec.index when the token may not write to the index', async () => {
    await fake.close();
    fake = await startSplunkFake({ indexes: ['main', 'secret'], hecTokens: { 'scoped-token': { indexes: ['main'] } } });
    const ctx = splunkContext(hecSettings(fake, { token: 'scoped-token', index: 'secret' }));
    const [outcome] = await write(ctx, [create({ n: 0 }, 'a')]);

    assert.ok(!outcome.ok && outcome.error.code === 'IHUB_CONFIG_INVALID');
    assert.match(outcome.error.message, /hec\.index: HEC answered Incorrect index \(HEC code 7\)/);
  });
});
