import type { ServerResponse } from 'node:http';
import type { EventStore, SearchResult } from './event-store';
import { runSpl, SplError } from './spl.engine';
import type { RecordedRequest, SplunkFaults } from './splunk-fake.types';

export interface ExportDeps {
  store: EventStore;
  savedSearches: Record<string, string>;
  apiTokens: string[];
  users: Record<string, string>;
  faults: SplunkFaults;
}

type Message = { type: 'FATAL' | 'ERROR' | 'WARN' | 'INFO'; text: string };

/**
 * `/services/search/jobs/export` (and `/servicesNS/{user}/{app}/search/jobs/export`) with
 * `output_mode=json`: runs the search at once and streams one JSON object per line,
 * `{"preview":false,"offset":n,"result":{…}}`, the last one with `"lastrow":true`. The search,
 * `earliest_time` and `latest_time` come from the form body (POST) or the query (GET).
 */
export function exportSearch(deps: ExportDeps, req: RecordedRequest, res: ServerResponse): void {
  if (!authenticated(deps, req.headers.authorization)) return refuse(res, 401, { type: 'WARN', text: 'call not properly authenticated' });
  const params = { ...req.query, ...Object.fromEntries(new URLSearchParams(req.method === 'POST' ? req.body : '')) };
  if (!params.search?.trim()) return refuse(res, 400, { type: 'FATAL', text: 'Empty search.' });
  if ((params.output_mode ?? 'xml') !== 'json') return refuse(res, 400, { type: 'FATAL', text: `The fake serves output_mode=json only, not '${params.output_mode ?? 'xml'}'.` });
  const now = Date.now() / 1000;
  const earliest = timeOf(params.earliest_time, now, 0);
  const latest = timeOf(params.latest_time, now, now);
  if (earliest === undefined) return refuse(res, 400, { type: 'FATAL', text: 'Invalid earliest_time.' });
  if (latest === undefined) return refuse(res, 400, { type: 'FATAL', text: 'Invalid latest_time.' });
  let results: SearchResult[];
  try {
    results = runSpl(params.search, { store: deps.store, savedSearches: deps.savedSearches, earliest, latest });
  } catch (err) {
    if (err instanceof SplError) return refuse(res, 400, { type: 'FATAL', text: err.message });
    throw err;
  }
  streamResults(res, results, deps.faults);
}

function streamResults(res: ServerResponse, results: SearchResult[], faults: SplunkFaults): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  for (const [offset, result] of results.entries()) {
    const lastrow = offset === results.length - 1 ? { lastrow: true } : {};
    const line = JSON.stringify({ preview: false, offset, ...lastrow, result: { ...result, _serial: String(offset) } });
    if (offset === faults.truncateAfterResults) {
      res.end(line.slice(0, Math.floor(line.length / 2)));
      return;
    }
    const broken = typeof result._cd === 'string' && faults.malformedEvents.includes(result._cd);
    res.write(broken ? `${JSON.stringify(result).slice(0, 60)}\n` : `${line}\n`);
  }
  res.end();
}

function authenticated(deps: ExportDeps, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const [scheme, value = ''] = header.split(/\s+/, 2);
  if (scheme === 'Bearer' || scheme === 'Splunk') return deps.apiTokens.includes(value);
  if (scheme !== 'Basic') return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon > 0 && deps.users[decoded.slice(0, colon)] === decoded.slice(colon + 1);
}

/** Epoch seconds of a time argument: epoch seconds, `now`, `-<n><s|m|h|d>`, or an ISO timestamp. */
function timeOf(value: string | undefined, now: number, fallback: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (value === 'now') return now;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const relative = /^-(\d+)([smhd])$/.exec(value);
  if (relative) return now - Number(relative[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[relative[2] as 's' | 'm' | 'h' | 'd'];
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed / 1000;
}

function refuse(res: ServerResponse, status: number, message: Message): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify({ messages: [message] }));
}
