const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Local {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localTime(ms: number, timeZone: string): Local {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
}

const asUtc = (l: Local): number => Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);

/** The latest instant whose wall clock in `timeZone` reads `local` (two exist when clocks go back). */
function latestInstant(local: Local, timeZone: string): number {
  const wall = asUtc(local);
  const offsets = [wall - DAY, wall, wall + DAY].map((probe) => asUtc(localTime(probe, timeZone)) - Math.floor(probe / MINUTE) * MINUTE);
  const instants = offsets.map((offset) => wall - offset).filter((ms) => asUtc(localTime(ms, timeZone)) === wall);
  return Math.max(...instants);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A JQL date (`"yyyy-MM-dd HH:mm"`, in the search user's time zone) no later than `ms`, as late
 * as possible. JQL dates have minute precision, so `updated >= <this>` also matches what changed
 * earlier in the same minute; callers skip what they have seen. When clocks go back, a local
 * minute occurs twice and Jira may read the later one, which would skip records: such a minute
 * is replaced by one an hour earlier (re-reading an hour once is safe, skipping is not).
 */
export function jqlDateAtOrBefore(ms: number, timeZone: string): string {
  for (let t = Math.floor(ms / MINUTE) * MINUTE; ; t -= HOUR) {
    const local = localTime(t, timeZone);
    if (latestInstant(local, timeZone) <= ms) return `${local.year}-${pad(local.month)}-${pad(local.day)} ${pad(local.hour)}:${pad(local.minute)}`;
  }
}
