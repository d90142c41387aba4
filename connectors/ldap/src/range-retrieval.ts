/**
 * Active Directory's range retrieval: a search returns at most MaxValRange (1500 by default)
 * values of a multi-valued attribute, under the name `member;range=0-1499` instead of `member`;
 * the rest must be asked for as `member;range=1500-*`, and so on until a reply's range ends in `*`.
 * Without it, groups of more than 1500 members would silently lose members (and the hub would
 * delete those memberships).
 */

export type Values = Array<string | Buffer>;

/** Reads `<attribute>;range=<from>-*` of the same entry; returns its values by lower-cased attribute description. */
export type RangeReader = (rangedAttribute: string) => Promise<Map<string, Values>>;

const RANGE = /^(.+);range=(\d+)-(\d+|\*)$/i;

/**
 * Every value of `attribute` among `attributes` (keys lower-cased), fetching the remaining
 * ranges with `read` when the server returned only a first range.
 */
export async function collectRanged(attributes: Map<string, Values>, attribute: string, read: RangeReader): Promise<Values> {
  const name = attribute.toLowerCase();
  const plain = attributes.get(name);
  if (plain && plain.length > 0) return plain;
  let range = findRange(attributes, name);
  if (!range) return plain ?? [];
  const values: Values = [...range.values];
  while (range.end !== '*') {
    const next = findRange(await read(`${attribute};range=${Number(range.end) + 1}-*`), name);
    // A server that answers a range request without a range has nothing more to give.
    if (!next) break;
    values.push(...next.values);
    range = next;
  }
  return values;
}

function findRange(attributes: Map<string, Values>, name: string): { end: string; values: Values } | undefined {
  for (const [key, values] of attributes) {
    const m = RANGE.exec(key);
    if (m && m[1].toLowerCase() === name) return { end: m[3], values };
  }
  return undefined;
}
