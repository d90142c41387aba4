/**
 * LDAP Generalized Time (`20240131235959Z`, `20240131235959.0Z`, `20240131235959.123456Z`) and
 * OpenLDAP change sequence numbers (`20240131235959.123456Z#000000#000#000000`), which start with one.
 */

const PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/;

/** ISO 8601 form of a UTC generalized time, or undefined when `value` is not one. */
export function generalizedTimeToIso(value: string | undefined): string | undefined {
  const m = value === undefined ? null : PATTERN.exec(value.trim());
  if (!m) return undefined;
  const millis = (m[7] ?? '0').padEnd(3, '0').slice(0, 3);
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${millis}Z`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** The whole-second generalized time a CSN was stamped in: `20240131235959.123456Z#…` → `20240131235959Z`. */
export function csnSecond(csn: string): string | null {
  const m = /^(\d{14})[.,]?\d*Z#/.exec(csn);
  return m ? `${m[1]}Z` : null;
}
