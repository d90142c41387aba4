/**
 * Jira's two ways of writing time: timestamps in answers (`2024-01-15T10:05:42.123+0100`, in the
 * user's time zone) and dates in JQL (`"2024-01-15 10:05"`, minute precision, also read in the
 * user's time zone).
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

function wallClock(ms: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of `timeZone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** A timestamp as Jira writes it: local time of `timeZone` with milliseconds and a `+hhmm` offset. */
export function formatJiraTimestamp(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone);
  const offsetMinutes = Math.round(offsetAt(ms, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const millis = ((ms % 1000) + 1000) % 1000;
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}.${pad(millis, 3)}${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}${pad(Math.abs(offsetMinutes) % 60)}`;
}

const ABSOLUTE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/;
const RELATIVE = /^([-+]?)((?:\d+[wdhm]\s*)+)$/;
const UNIT_MS: Record<string, number> = { w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000 };

/**
 * The instant a JQL date value stands for, or undefined when it is not one. Absolute dates are
 * wall-clock times in `timeZone`; a local time that occurs twice (when clocks go back) is read as
 * the earlier instant, a time that does not occur (clocks go forward) as the one after the gap.
 * Relative dates (`-5d`, `-1w 2d`, `-30m`) count from `now`.
 */
export function parseJqlDate(value: string, timeZone: string, now: number): number | undefined {
  const absolute = ABSOLUTE.exec(value.trim());
  if (absolute) {
    const [, y, mo, d, h = '00', mi = '00'] = absolute;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi));
    const w = new Date(local);
    if (w.getUTCMonth() !== Number(mo) - 1 || w.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59) return undefined;
    // Both offsets around the local time; the earlier instant that shows this wall clock wins.
    const candidates = [offsetAt(local - 86_400_000, timeZone), offsetAt(local + 86_400_000, timeZone), offsetAt(local, timeZone)]
      .map((offset) => local - offset)
      .filter((ms) => {
        const back = wallClock(ms, timeZone);
        return Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute) === local;
      });
    if (candidates.length > 0) return Math.min(...candidates);
    return local - offsetAt(local - 86_400_000, timeZone);
  }
  const relative = RELATIVE.exec(value.trim());
  if (!relative) return undefined;
  const sign = relative[1] === '-' ? -1 : 1;
  let total = 0;
  for (const m of relative[2].matchAll(/(\d+)([wdhm])/g)) total += Number(m[1]) * UNIT_MS[m[2]];
  return now + sign * total;
}
