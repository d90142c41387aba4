/**
 * Splitting document names into words, the language-neutral form of every identifier; each
 * emitter joins them in its own case style.
 */

/** Brand spellings kept as one word, so `listOAuthClients` becomes `list_oauth_clients`, not `list_o_auth_clients`. */
const KNOWN_WORDS = ['OAuth'];

/** Lower-case ASCII words of `text`: separators and case changes split, anything else non-alphanumeric is dropped. */
export function words(text: string): string[] {
  let s = text;
  for (const known of KNOWN_WORDS) s = s.split(known).join(` ${known.toLowerCase()} `);
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export const capitalize = (w: string): string => (w ? w[0].toUpperCase() + w.slice(1) : w);

export const pascal = (ws: string[]): string => ws.map(capitalize).join('');

export const camel = (ws: string[]): string => ws.map((w, i) => (i === 0 ? w : capitalize(w))).join('');

export const snake = (ws: string[]): string => ws.join('_');

export const screamingSnake = (ws: string[]): string => ws.join('_').toUpperCase();

/** `base`, or `base2`, `base3`… — the first not in `taken`, which it is added to. */
export function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}

/** PascalCase name for a type, never empty and never starting with a digit. */
export function typeName(text: string, fallback = 'Model'): string {
  const name = pascal(words(text));
  if (!name) return fallback;
  return /^[0-9]/.test(name) ? `${fallback}${name}` : name;
}
