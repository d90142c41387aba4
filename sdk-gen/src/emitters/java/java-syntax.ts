import type { ApiIr } from '../../ir/ir.types';
import { camel } from '../../ir/words';
import { headerLines } from '../header';

const KEYWORDS = new Set([
  'abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const', 'continue', 'default', 'do', 'double',
  'else', 'enum', 'extends', 'final', 'finally', 'float', 'for', 'goto', 'if', 'implements', 'import', 'instanceof', 'int', 'interface',
  'long', 'native', 'new', 'package', 'private', 'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super', 'switch',
  'synchronized', 'this', 'throw', 'throws', 'transient', 'try', 'void', 'volatile', 'while', 'true', 'false', 'null', 'var', 'yield',
  'record', 'sealed', 'permits', '_',
  // Methods of Object: a generated method of the same name and arity would override or clash with them.
  'equals', 'hashCode', 'toString', 'getClass', 'notify', 'notifyAll', 'wait', 'clone', 'finalize',
]);

/** camelCase identifier: keywords (and Object's methods) get a trailing `_`, a leading digit a `v` prefix. */
export function javaIdent(ws: string[]): string {
  let id = camel(ws) || 'value';
  if (/^[0-9]/.test(id)) id = `v${id}`;
  return KEYWORDS.has(id) ? `${id}_` : id;
}

export const isJavaKeyword = (id: string): boolean => KEYWORDS.has(id);

/**
 * A string literal holding exactly `text`, in ASCII. Java translates `\uXXXX` before it lexes, so
 * quotes, backslashes and control characters use the ordinary escapes (3-digit octal for the
 * rest) and only characters above 0x7f become `\uXXXX`, which cannot end a literal.
 */
export function javaString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const c = text.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\${c.toString(8).padStart(3, '0')}`;
    else if (c > 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * A Javadoc block. Backslashes become `&#92;` (so no `\u002a/` can turn into a comment end before
 * lexing), `*` + `/` is broken, `@` cannot start a tag, markup characters are entities.
 */
export function javaDoc(text: string): string[] {
  const body = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/\\/g, '&#92;')
    .replace(/\*\//g, '*&#47;')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .split(/\r\n|\r|\n/);
  return ['/**', ...body.map((l) => ` * ${l}`.trimEnd()), ' */'];
}

/** The do-not-edit header as `//` lines; backslashes are doubled so no `\\u000a` in the title can end a line before lexing. */
export function javaHeader(ir: ApiIr): string[] {
  return headerLines(ir).map((l) => `// ${l.replace(/\\/g, '\\\\')}`);
}
