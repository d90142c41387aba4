import assert from 'node:assert/strict';
import { nextRetry, retryAfterMs } from '../../src/webhooks/retry-schedule';
import { parseDuration } from '../../src/webhooks/durations';

const DEFAULT = ['0s', '5s', '5m', '30m', '2h', '5h', '10h', '10h'].map(parseDuration);

describe('webhook retry schedule', () => {
  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after failures, then gives up (about 28 h)', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7].map((attempts) => nextRetry(DEFAULT, attempts, null, () => 0.5).delayMs);
    assert.deepEqual(waits, [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    assert.equal(nextRetry(DEFAULT, 8, null).delayMs, null);
    const total = (waits as number[]).reduce((a, b) => a + b, 0);
    assert.ok(total > 27 * 3_600_000 && total < 29 * 3_600_000, `${total / 3_600_000} h`);
  });

  it('moves each wait by at most 10% either way', () => {
    assert.equal(nextRetry(DEFAULT, 1, null, () => 0).delayMs, 4_500);
    assert.equal(nextRetry(DEFAULT, 1, null, () => 0.999999).delayMs, 5_500);
  });

  it('honours a Retry-After longer than the step, and ignores a shorter one', () => {
    assert.equal(nextRetry(DEFAULT, 1, 60_000, () => 0.5).delayMs, 60_000);
    assert.equal(nextRetry(DEFAULT, 2, 60_000, () => 0.5).delayMs, 300_000);
  });

  it('reads Retry-After as seconds or as an HTTP date, and nothing else', () => {
    const now = new Date('2026-11-22T05:00:00Z');
    assert.equal(retryAfterMs('120', now), 120_000);
    assert.equal(retryAfterMs('Sun, 22 Nov 2026 05:01:00 GMT', now), 60_000);
    assert.equal(retryAfterMs('soon', now), null);
    assert.equal(retryAfterMs(undefined, now), null);
  });

  it('reads durations and refuses malformed ones', () => {
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('5d'), 432_000_000);
    assert.throws(() => parseDuration('5 minutes'), /duration/);
  });
});
