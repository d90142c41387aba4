import { camel, pascal } from '../../ir/words';

const KEYWORDS = new Set([
  'abstract', 'as', 'base', 'bool', 'break', 'byte', 'case', 'catch', 'char', 'checked', 'class', 'const', 'continue', 'decimal', 'default',
  'delegate', 'do', 'double', 'else', 'enum', 'event', 'explicit', 'extern', 'false', 'finally', 'fixed', 'float', 'for', 'foreach', 'goto',
  'if', 'implicit', 'in', 'int', 'interface', 'internal', 'is', 'lock', 'long', 'namespace', 'new', 'null', 'object', 'operator', 'out',
  'override', 'params', 'private', 'protected', 'public', 'readonly', 'ref', 'return', 'sbyte', 'sealed', 'short', 'sizeof', 'stackalloc',
  'static', 'string', 'struct', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'uint', 'ulong', 'unchecked', 'unsafe', 'ushort',
  'using', 'virtual', 'void', 'volatile', 'while',
]);

/** camelCase parameter name: keywords are escaped with `@`, a leading digit gets a `v` prefix. */
export function csIdent(ws: string[]): string {
  let id = camel(ws) || 'value';
  if (/^[0-9]/.test(id)) id = `v${id}`;
  return KEYWORDS.has(id) ? `@${id}` : id;
}

/** PascalCase member name (C# keywords are all lower case, so none can clash); a leading digit gets a `V` prefix. */
export function csMember(ws: string[], fallback = 'Value'): string {
  const id = pascal(ws) || fallback;
  return /^[0-9]/.test(id) ? `V${id}` : id;
}

/** A regular string literal holding exactly `text`, in ASCII. */
export function csString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * `///` XML documentation lines in ASCII. C# also ends a line at U+0085, U+2028 and U+2029, so
 * those split lines like a newline does; other non-ASCII characters become character references.
 */
export function csDoc(text: string, tag = 'summary'): string[] {
  const lines = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .split(/\r\n|\r|\n|\u0085|\u2028|\u2029/)
    .map((l) => l.replace(/[^\u0000-\u007f]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16)};`));
  return [`/// <${tag}>`, ...lines.map((l) => `/// ${l}`.trimEnd()), `/// </${tag}>`];
}
