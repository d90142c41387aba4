// Jira writes `2024-03-01T11:03:00.000+0100`: an offset without a colon, which Date.parse does not promise to read.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|([+-])(\d{2}):?(\d{2}))$/;

/** Epoch ms of a Jira timestamp (or any ISO 8601 date-time with an offset), or undefined when it is not one. */
export function parseJiraTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '0', zone, sign, oh, om] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0')));
  if (Number.isNaN(local) || new Date(local).getUTCDate() !== Number(d)) return undefined;
  const offset = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return local - offset;
}

/** A Jira timestamp as an ISO string in UTC, the form records carry; undefined when it cannot be read. */
export function jiraTimestampToIso(value: unknown): string | undefined {
  const ms = parseJiraTimestamp(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
