import { toResult, type EventStore, type SearchResult } from './event-store';

/**
 * A tiny subset of SPL, enough for connector tests: `search` with `field=value`, `field!=value`
 * (wildcards `*`, case-insensitive values) and free-text terms, all ANDed; `| savedsearch <name>`;
 * `| sort [N] [+|-]field…`; `| head [N]`. Anything else fails the way Splunk does, with
 * "Unknown search command".
 */

/** A search Splunk refuses to run; the message is Splunk's. */
export class SplError extends Error {}

export interface SplScope {
  store: EventStore;
  savedSearches: Record<string, string>;
  /** The job's time range, `[earliest, latest)` in epoch seconds. */
  earliest: number;
  latest: number;
}

type Predicate = (result: SearchResult) => boolean;

export function runSpl(spl: string, scope: SplScope): SearchResult[] {
  const trimmed = spl.trim();
  // The REST API takes a search string that begins with a command: `search …` or `| generating-command`.
  const segments = splitPipes(trimmed.startsWith('|') ? trimmed.slice(1) : trimmed);
  let results: SearchResult[] | undefined;
  for (const [i, segment] of segments.entries()) {
    const [name, ...rest] = segment.split(/\s+/);
    const args = rest.join(' ');
    if (i === 0) results = generate(name, args, scope);
    else results = transform(name, args, results!);
  }
  return results ?? [];
}

function generate(name: string, args: string, scope: SplScope): SearchResult[] {
  if (name === 'savedsearch') {
    const saved = scope.savedSearches[unquote(args.trim())];
    if (saved === undefined) throw new SplError(`Error in 'savedsearch' command: Unable to find saved search named '${unquote(args.trim())}'.`);
    return runSpl(saved, scope);
  }
  if (name !== 'search') throw unknownCommand(name);
  const terms = tokens(args);
  // Like a role's default settings: a search that names no index looks in `main` only.
  const indexed = terms.some((t) => /^index(!=|=)/.test(t)) ? terms : [...terms, 'index=main'];
  const matches = predicate(indexed);
  return scope.store.inWindow(scope.earliest, scope.latest).map(toResult).filter(matches);
}

function transform(name: string, args: string, results: SearchResult[]): SearchResult[] {
  switch (name) {
    case 'search':
      return results.filter(predicate(tokens(args)));
    case 'head':
      return results.slice(0, args.trim() === '' ? 10 : Number(args));
    case 'sort':
      return sortResults(results, args);
    default:
      throw unknownCommand(name);
  }
}

function sortResults(results: SearchResult[], args: string): SearchResult[] {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const limit = /^\d+$/.test(words[0] ?? '') ? Number(words.shift()) : 10_000;
  const keys = words.map((w) => ({ field: w.replace(/^[+-]/, ''), sign: w.startsWith('-') ? -1 : 1 }));
  const sorted = [...results].sort((a, b) => {
    for (const { field, sign } of keys) {
      const order = compareValues(first(a[field]), first(b[field]));
      if (order !== 0) return order * sign;
    }
    return 0;
  });
  return limit === 0 ? sorted : sorted.slice(0, limit);
}

// Numbers compare as numbers, anything else as strings; results without the field go last.
function compareValues(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  const [x, y] = [Number(a), Number(b)];
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  return a < b ? -1 : a > b ? 1 : 0;
}

function predicate(terms: string[]): Predicate {
  const checks = terms.filter((t) => t.toUpperCase() !== 'AND').map((term): Predicate => {
    const field = /^([\w.]+)(!=|=)(.*)$/.exec(term);
    if (!field) {
      const text = wildcard(unquote(term), false);
      return (r) => text.test(first(r._raw) ?? '');
    }
    const [, name, op, value] = field;
    const pattern = wildcard(unquote(value), true);
    const has = (r: SearchResult): boolean => values(r[name]).some((v) => pattern.test(v));
    // `field!=value` also drops results without the field, as in Splunk.
    return op === '=' ? has : (r) => r[name] !== undefined && !has(r);
  });
  return (r) => checks.every((check) => check(r));
}

function wildcard(text: string, anchored: boolean): RegExp {
  const body = text.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(anchored ? `^${body}$` : body, 'i');
}

function tokens(args: string): string[] {
  return args.match(/(?:[^\s"]+)?"(?:[^"\\]|\\.)*"|[^\s"]+/g) ?? [];
}

/** Splits on `|` outside double quotes. */
function splitPipes(spl: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of spl) {
    if (ch === '"') quoted = !quoted;
    if (ch === '|' && !quoted) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out;
}

const unquote = (s: string): string => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s);
const values = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const first = (v: string | string[] | undefined): string | undefined => values(v)[0];
const unknownCommand = (name: string): SplError => new SplError(`Unknown search command '${name}'.`);
