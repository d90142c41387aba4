/** A URL fit for errors and logs: no query string, fragment or user info, where secrets tend to travel. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split(/[?#]/)[0];
  }
}

// Shorter values would blank out ordinary words of the text; credentials are longer than this.
const MIN_SECRET_LENGTH = 4;

/** Replaces every secret value (as is, and URL-encoded as forms echo it) in `text` with `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const value of secrets) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    for (const form of new Set([value, encodeURIComponent(value)])) out = out.split(form).join('***');
  }
  return out;
}

const EXCERPT_LENGTH = 2048;

/** The first 2 KB of a response body as text, secrets scrubbed. */
export function bodyExcerpt(data: unknown, secrets: readonly string[]): string {
  let text: string;
  if (data === undefined || data === null) text = '';
  else if (typeof data === 'string') text = data;
  else if (Buffer.isBuffer(data)) text = data.subarray(0, EXCERPT_LENGTH * 4).toString('utf8');
  else if (data instanceof ArrayBuffer) text = Buffer.from(data, 0, Math.min(data.byteLength, EXCERPT_LENGTH * 4)).toString('utf8');
  else text = JSON.stringify(data) ?? '';
  // Scrub before cutting, so that a secret straddling the cut cannot survive half-visible.
  return scrubSecrets(text, secrets).slice(0, EXCERPT_LENGTH);
}
