import { pascal, snake } from '../../ir/words';

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
  // Method bodies refer to `self`: a parameter of that name would shadow it.
  'self',
]);

/** snake_case identifier: keywords get a trailing `_`, a leading digit a `v_` prefix. */
export function pyIdent(ws: string[]): string {
  let id = snake(ws) || 'value';
  if (/^[0-9]/.test(id)) id = `v_${id}`;
  return KEYWORDS.has(id) ? `${id}_` : id;
}

/** PascalCase class name (IR model names are already PascalCase ASCII). */
export function pyClass(name: string): string {
  return KEYWORDS.has(name) ? `${name}_` : name;
}

export const pyClassFromWords = (ws: string[]): string => pyClass(pascal(ws));

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A double-quoted ASCII string literal holding exactly `text`. */
export function pyString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

/**
 * A docstring whose value is exactly `text`: it stays readable (newlines and most characters as
 * they are) while quotes, backslashes and control characters are escaped, so `"""` cannot end it.
 */
export function pyDocstring(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp === 0x85 || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) out += `\\u${hex(cp, 4)}`;
    else out += ch;
  }
  return `"""${out}"""`;
}

/** `# ` comment lines: anything that could end a line or confuse a reader becomes a space. */
export function pyComment(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((l) => `# ${l.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/g, ' ')}`.trimEnd());
}
