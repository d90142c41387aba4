/** What a HEC request body holds: the JSON objects it starts with, and where it stops making sense. */
export interface HecBody {
  objects: unknown[];
  /** Number of the first event that is not a JSON object; undefined when every one is. */
  invalidAt?: number;
}

/**
 * Splits a HEC body, JSON objects one after another (whitespace between them optional), the way
 * the event endpoint reads it: object by object, so the objects before a broken one still count.
 */
export function parseHecBody(body: string): HecBody {
  const objects: unknown[] = [];
  let i = skipSpace(body, 0);
  while (i < body.length) {
    const end = body[i] === '{' ? objectEnd(body, i) : -1;
    if (end < 0) return { objects, invalidAt: objects.length };
    try {
      objects.push(JSON.parse(body.slice(i, end)));
    } catch {
      return { objects, invalidAt: objects.length };
    }
    i = skipSpace(body, end);
  }
  return { objects };
}

/** Index just past the object that opens at `start`, or -1 when it never closes. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}
