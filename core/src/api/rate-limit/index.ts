export { createRateLimits, type RateLimits, type RateLimitsOptions } from './rate-limits';
export { DEFAULT_RATE_LIMITS, type RateLimitSettings, type BucketSettings } from './rate-limit.settings';
export { type RateDecision, type RateScope } from './rate-decision';
export { rateLimitHeaders } from './rate-limit-headers';
export { RATE_LIMIT_TABLE } from './store-limiter';
