import type { Logger } from '@ihub/plugin-kit';

/**
 * Logs a recurring problem at most once per interval, with the number of occurrences since the
 * last line: a database outage fails every request, and one line per request would drown the log.
 */
export function throttledWarning(logger: Logger, intervalMs: number): (message: string) => void {
  let lastAt = -Infinity;
  let suppressed = 0;
  return (message) => {
    const now = Date.now();
    if (now - lastAt < intervalMs) {
      suppressed += 1;
      return;
    }
    logger.warn(suppressed > 0 ? `${message} (${suppressed} more since the last warning)` : message);
    lastAt = now;
    suppressed = 0;
  };
}
