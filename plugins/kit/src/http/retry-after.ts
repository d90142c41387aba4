/**
 * Milliseconds to wait according to a `Retry-After` header (RFC 9110 §10.2.3): either
 * delta-seconds or an HTTP-date. Undefined when the header is missing or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  // A date in the past (clock skew) means "now", not a negative wait.
  return Math.max(0, date - now);
}
