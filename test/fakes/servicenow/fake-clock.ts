/**
 * The fake instance's time: real time until a test sets it, so that records can be stamped with
 * chosen `sys_updated_on` values (several in one second, say) and tokens can be aged on demand.
 */
export class FakeClock {
  private fixed?: number;

  /** Now, as the instance sees it. */
  now(): Date {
    return new Date(this.fixed ?? Date.now());
  }

  /** Stops the clock at `at` (a Date, an ISO string, or ServiceNow's `YYYY-MM-DD HH:mm:ss` in UTC). */
  set(at: Date | string): void {
    this.fixed = typeof at === 'string' ? parseGlideDateTime(at) : at.getTime();
  }

  /** Moves a stopped clock (or stops real time) `seconds` ahead. */
  advance(seconds: number): void {
    this.fixed = (this.fixed ?? Date.now()) + seconds * 1000;
  }

  /** Back to real time. */
  useRealTime(): void {
    this.fixed = undefined;
  }
}

/** ServiceNow's internal date-time format, always UTC: `2024-01-31 23:59:59`. */
export function glideDateTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function parseGlideDateTime(text: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  if (Number.isNaN(ms)) throw new TypeError(`not a date-time: ${text}`);
  return ms;
}
