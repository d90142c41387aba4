import { camel } from '../../ir/words';

/** Words a JavaScript binding cannot be named (strict mode), and `constructor`, which would not be a method. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements', 'interface', 'package',
  'private', 'protected', 'public', 'await', 'arguments', 'eval', 'constructor', 'undefined',
]);

/** camelCase identifier: reserved words get a trailing `_`, a leading digit a `v` prefix. */
export function tsIdent(ws: string[]): string {
  let id = camel(ws) || 'value';
  if (/^[0-9]/.test(id)) id = `v${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** A double-quoted ASCII string literal holding exactly `text` (lone surrogates included). */
export function tsString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += `\\u${hex4(c)}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A JSDoc block in which `*` followed by `/` cannot close it early; everything else stays readable. */
export function tsDoc(text: string): string[] {
  const body = text
    .replace(/\*\//g, '*\\/')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .split(/\r\n|\r|\n|\u2028|\u2029/);
  return ['/**', ...body.map((l) => ` * ${l}`.trimEnd()), ' */'];
}
