import assert from 'node:assert/strict';
import { tighterOf, type RateDecision } from '../../../src/api/rate-limit/rate-decision';
import { rateLimitHeaders } from '../../../src/api/rate-limit';

const decision = (over: Partial<RateDecision>): RateDecision => ({ allowed: true, limit: 10, remaining: 5, resetSeconds: 30, scope: 'key', ...over });

describe('rate decision', () => {
  it('reports a refusal over any allowance', () => {
    const refused = decision({ allowed: false, remaining: 0, scope: 'tenant', retryAfterSeconds: 3 });
    assert.equal(tighterOf(decision({ remaining: 0 }), refused), refused);
    assert.equal(tighterOf(refused, decision({})), refused);
  });

  it('reports the budget with fewer points left, then the one that refills later', () => {
    const key = decision({ remaining: 5, resetSeconds: 30 });
    assert.equal(tighterOf(key, decision({ scope: 'tenant', remaining: 4 })).scope, 'tenant');
    assert.equal(tighterOf(key, decision({ scope: 'tenant', remaining: 6 })).scope, 'key');
    assert.equal(tighterOf(key, decision({ scope: 'tenant', remaining: 5, resetSeconds: 50 })).scope, 'tenant');
    assert.equal(tighterOf(key, decision({ scope: 'tenant', remaining: 5, resetSeconds: 30 })).scope, 'key');
  });

  it('sends a Retry-After of at least one second on a refusal', () => {
    assert.equal(rateLimitHeaders(decision({ allowed: false, remaining: 0, resetSeconds: 0 }))['Retry-After'], '1');
  });
});
