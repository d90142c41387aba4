/** One line of a `search/jobs/export` answer in `output_mode=json`, as far as it could be read. */
export type ExportLine =
  | { kind: 'result'; line: number; result: Record<string, unknown> }
  | { kind: 'messages'; line: number; messages: Array<{ type: string; text: string }> }
  | { kind: 'malformed'; line: number; text: string; reason: string }
  /** The answer ended in the middle of a line: results after it were never received. */
  | { kind: 'truncated'; line: number };

/**
 * Reads the export answer line by line, lazily, so a caller can stop once it has what it needs.
 * Lines are `{"preview":false,"offset":n,"result":{…}}` (the last with `"lastrow":true`) or
 * `{"messages":[…]}`; preview rows (interim results of a report) are skipped.
 */
export function* exportLines(body: string): Generator<ExportLine> {
  let line = 0;
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf('\n', start);
    const end = newline < 0 ? body.length : newline;
    const text = body.slice(start, end).trim();
    start = end + 1;
    line += 1;
    if (text === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      // Splunk ends every line with a newline: a last line without one that does not parse was cut off.
      if (newline < 0) yield { kind: 'truncated', line };
      else yield { kind: 'malformed', line, text, reason: (err as Error).message };
      continue;
    }
    const row = readRow(parsed, line, text);
    if (row) yield row;
  }
}

function readRow(parsed: unknown, line: number, text: string): ExportLine | undefined {
  if (!isObject(parsed)) return { kind: 'malformed', line, text, reason: 'not a JSON object' };
  if (parsed.preview === true) return undefined;
  if (Array.isArray(parsed.messages)) {
    const messages = parsed.messages.filter(isObject).map((m) => ({ type: String(m.type ?? 'INFO'), text: String(m.text ?? '') }));
    return { kind: 'messages', line, messages };
  }
  if (parsed.result === undefined) return undefined;
  if (!isObject(parsed.result)) return { kind: 'malformed', line, text, reason: 'result is not an object' };
  return { kind: 'result', line, result: parsed.result };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
