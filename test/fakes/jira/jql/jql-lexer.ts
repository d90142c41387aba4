import { JqlError } from './jql-error';

export type JqlToken =
  | { kind: 'word'; value: string; position: number }
  | { kind: 'string'; value: string; position: number }
  | { kind: 'op'; value: string; position: number }
  | { kind: 'lparen' | 'rparen' | 'comma'; value: string; position: number };

const OPERATORS = ['!=', '>=', '<=', '!~', '=', '>', '<', '~'];
// Unquoted values and field names: `DEMO-12`, `-5d`, `2024/01/15`, `issue.property[ihub.correlation].id`, `cf[10010]`.
const WORD_CHAR = /[\w.\-/:*+@]/;

/** Splits a JQL string into tokens; quoted strings keep backslash escapes resolved. */
export function tokenize(jql: string): JqlToken[] {
  const tokens: JqlToken[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', value: c, position: i });
      i++;
    } else if (c === '"' || c === "'") {
      const start = i;
      let value = '';
      for (i++; i < jql.length && jql[i] !== c; i++) value += jql[i] === '\\' ? jql[++i] : jql[i];
      if (i >= jql.length) throw new JqlError(`Error in the JQL Query: The quoted string starting at character ${start} is not terminated.`);
      i++;
      tokens.push({ kind: 'string', value, position: start });
    } else if (OPERATORS.some((op) => jql.startsWith(op, i))) {
      const op = OPERATORS.find((o) => jql.startsWith(o, i))!;
      tokens.push({ kind: 'op', value: op, position: i });
      i += op.length;
    } else if (WORD_CHAR.test(c)) {
      const start = i;
      while (i < jql.length && (WORD_CHAR.test(jql[i]) || jql[i] === '[')) {
        if (jql[i] === '[') {
          const close = jql.indexOf(']', i);
          if (close < 0) throw new JqlError(`Error in the JQL Query: Expecting ']' after character ${i}.`);
          i = close + 1;
        } else i++;
      }
      tokens.push({ kind: 'word', value: jql.slice(start, i), position: start });
    } else {
      throw new JqlError(`Error in the JQL Query: The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}' instead. (line 1, character ${i + 1})`);
    }
  }
  return tokens;
}
