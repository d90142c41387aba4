import type { RateDecision } from './rate-decision';

/**
 * The response headers for a decision, as named by the IETF draft "RateLimit header fields for
 * HTTP" (draft-ietf-httpapi-ratelimit-headers, versions up to -06): `RateLimit-Limit`,
 * `RateLimit-Remaining`, `RateLimit-Reset` (delta seconds, not a timestamp), plus `Retry-After`
 * (RFC 9110) on a refusal. An unmetered decision gets no headers rather than invented numbers.
 */
export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
  if (decision.unmetered) return {};
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(decision.remaining),
    'RateLimit-Reset': String(decision.resetSeconds),
  };
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds ?? Math.max(1, decision.resetSeconds));
  return headers;
}
