/** LDIF (RFC 2849) as the fixture writes it for slapadd/ldapmodify and reads it from ldapsearch. */

export type LdifValue = string | Buffer;
export type LdifAttributes = Record<string, LdifValue | LdifValue[]>;

export interface LdifEntry {
  dn: string;
  attributes: LdifAttributes;
}

/** An entry as ldapsearch printed it: every value as bytes, attribute names as the server sent them. */
export interface ReadEntry {
  dn: string;
  attributes: Record<string, Buffer[]>;
}

// RFC 2849 SAFE-STRING: printable ASCII, not starting with a space, colon or '<', not ending with a space.
const SAFE = /^(?![ :<])[\x20-\x7e]*$/;

export function valuesOf(value: LdifValue | LdifValue[]): LdifValue[] {
  return Array.isArray(value) ? value : [value];
}

/** One `name: value` line, base64 (`name:: …`) when the value is binary or not a safe string. */
export function ldifLine(name: string, value: LdifValue): string {
  if (typeof value === 'string' && SAFE.test(value) && !value.endsWith(' ')) return `${name}: ${value}`;
  return `${name}:: ${(typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64')}`;
}

export function entryToLdif(entry: LdifEntry): string {
  const lines = [ldifLine('dn', entry.dn)];
  for (const [name, value] of Object.entries(entry.attributes)) for (const v of valuesOf(value)) lines.push(ldifLine(name, v));
  return `${lines.join('\n')}\n`;
}

/** Parses ldapsearch's `-LLL` output, unfolding continued lines and decoding base64 values. */
export function parseLdif(text: string): ReadEntry[] {
  const entries: ReadEntry[] = [];
  for (const block of text.replace(/\r?\n /g, '').split(/\n{2,}/)) {
    const lines = block.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    if (lines.length === 0) continue;
    const pairs = lines.map(parseLine);
    const [first, ...rest] = pairs;
    if (first.name.toLowerCase() !== 'dn') throw new Error(`LDIF record does not start with dn: ${lines[0]}`);
    const attributes: Record<string, Buffer[]> = {};
    for (const { name, value } of rest) (attributes[name] ??= []).push(value);
    entries.push({ dn: first.value.toString('utf8'), attributes });
  }
  return entries;
}

function parseLine(line: string): { name: string; value: Buffer } {
  const colon = line.indexOf(':');
  if (colon < 0) throw new Error(`not an LDIF line: ${line}`);
  const name = line.slice(0, colon);
  if (line[colon + 1] === ':') return { name, value: Buffer.from(line.slice(colon + 2).trim(), 'base64') };
  return { name, value: Buffer.from(line.slice(colon + 1).replace(/^ /, ''), 'utf8') };
}

/** LDIF change records, one after the other. */
export function records(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n');
}

/** An LDIF modify record replacing each attribute (null: removing it). */
export function modifyLdif(dn: string, changes: Record<string, LdifValue | LdifValue[] | null>): string {
  const parts = Object.entries(changes).map(([name, value]) =>
    // A replace without values removes the attribute, and unlike a delete does not fail when it is absent.
    value === null ? `replace: ${name}\n-\n` : `replace: ${name}\n${valuesOf(value).map((v) => ldifLine(name, v)).join('\n')}\n-\n`,
  );
  return `${ldifLine('dn', dn)}\nchangetype: modify\n${parts.join('')}`;
}

/** RFC 4515 escaping of a filter assertion value. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
