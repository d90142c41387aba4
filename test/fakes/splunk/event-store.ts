import type { FieldValue, SeedEvent } from './splunk-fake.types';

/** One event as an index holds it. */
export interface StoredEvent {
  /** Epoch seconds, fractions allowed. */
  time: number;
  index: string;
  host: string;
  source: string;
  sourcetype: string;
  raw: string;
  /** Indexed fields and the fields search-time extraction finds in a JSON event. */
  fields: Record<string, FieldValue>;
  /** `_bkt` and `_cd`: bucket, and bucket id with offset; together they name the event. */
  bkt: string;
  cd: string;
  indexTime: number;
}

/** A search result as the export endpoint writes it: every value a string or a list of strings. */
export type SearchResult = Record<string, FieldValue>;

const SERVER = 'splunk-fake';
// Stands in for the indexer GUID that Splunk puts in every bucket name.
const INDEXER_GUID = '5A1F7C3E-0B2D-4E6F-8A9B-C0D1E2F3A4B5';

/** The indexes of the fake: events in arrival order, each stamped with a bucket and an offset. */
export class EventStore {
  private readonly events: StoredEvent[] = [];
  private readonly offsets = new Map<string, number>();

  add(seed: SeedEvent): StoredEvent {
    const index = seed.index ?? 'main';
    const offset = this.offsets.get(index) ?? 0;
    this.offsets.set(index, offset + 1);
    const json = typeof seed.event === 'string' ? undefined : seed.event;
    const stored: StoredEvent = {
      time: typeof seed.time === 'number' ? seed.time : Date.parse(seed.time) / 1000,
      index,
      host: seed.host ?? SERVER,
      source: seed.source ?? 'http:ihub',
      sourcetype: seed.sourcetype ?? (json ? '_json' : 'httpevent'),
      raw: typeof seed.event === 'string' ? seed.event : JSON.stringify(seed.event),
      fields: { ...(json ? extractFields(json) : {}), ...seed.fields },
      bkt: `${index}~0~${INDEXER_GUID}`,
      cd: `0:${offset}`,
      indexTime: Math.floor(Date.now() / 1000),
    };
    this.events.push(stored);
    return stored;
  }

  /** Events of `[earliest, latest)`, newest first, as an event search returns them. */
  inWindow(earliest: number, latest: number): StoredEvent[] {
    return this.events.filter((e) => e.time >= earliest && e.time < latest).sort((a, b) => b.time - a.time);
  }
}

/** The result fields of an event, as Splunk writes them in search output. */
export function toResult(event: StoredEvent): SearchResult {
  return {
    ...event.fields,
    _bkt: event.bkt,
    _cd: event.cd,
    _indextime: String(event.indexTime),
    _raw: event.raw,
    _si: [SERVER, event.index],
    _sourcetype: event.sourcetype,
    _time: splunkTime(event.time),
    host: event.host,
    index: event.index,
    linecount: '1',
    source: event.source,
    sourcetype: event.sourcetype,
    splunk_server: SERVER,
  };
}

/** `_time` as JSON output writes it: ISO 8601 to the millisecond with a numeric offset. */
function splunkTime(epochSeconds: number): string {
  return new Date(Math.round(epochSeconds * 1000)).toISOString().replace('Z', '+00:00');
}

/** JSON search-time extraction: nested keys joined with dots, arrays as multivalue fields. */
function extractFields(value: Record<string, unknown>, prefix = ''): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = `${prefix}${key}`;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) out[name] = v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x)));
    else if (typeof v === 'object') Object.assign(out, extractFields(v as Record<string, unknown>, `${name}.`));
    else out[name] = String(v);
  }
  return out;
}
