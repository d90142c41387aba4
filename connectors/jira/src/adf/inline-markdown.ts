import { textNode, type AdfMark, type AdfNode } from './adf.types';

// Characters a backslash may escape (CommonMark: any ASCII punctuation).
const ESCAPABLE = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

const DELIMITERS: Array<{ delimiter: string; mark: string }> = [
  { delimiter: '**', mark: 'strong' },
  { delimiter: '__', mark: 'strong' },
  { delimiter: '~~', mark: 'strike' },
  { delimiter: '*', mark: 'em' },
  { delimiter: '_', mark: 'em' },
];

/**
 * Parses one line's worth of inline Markdown into ADF text nodes: `**strong**`, `*em*` / `_em_`,
 * `~~strike~~`, `` `code` ``, `[text](url)`, `<https://autolink>`, backslash escapes. Underscores
 * inside a word stay literal (`snake_case`). Unclosed delimiters are literal text.
 */
export function parseInline(text: string, marks: AdfMark[] = []): AdfNode[] {
  const nodes: AdfNode[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) nodes.push(textNode(literal, marks));
    literal = '';
  };
  let i = 0;
  outer: while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && ESCAPABLE.test(text[i + 1])) {
      literal += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const span = codeSpan(text, i);
      if (span) {
        flush();
        nodes.push(textNode(span.code, [...marks, { type: 'code' }]));
        i = span.end;
        continue;
      }
      // An unmatched run of backticks is literal as a whole.
      const run = runLength(text, i, '`');
      literal += text.slice(i, i + run);
      i += run;
      continue;
    }
    if (c === '[') {
      const link = inlineLink(text, i);
      if (link) {
        flush();
        nodes.push(...parseInline(link.label, [...marks, { type: 'link', attrs: { href: link.href } }]));
        i = link.end;
        continue;
      }
    }
    if (c === '<') {
      const auto = /^<(https?:\/\/[^\s<>]+)>/.exec(text.slice(i));
      if (auto) {
        flush();
        nodes.push(textNode(auto[1], [...marks, { type: 'link', attrs: { href: auto[1] } }]));
        i += auto[0].length;
        continue;
      }
    }
    for (const { delimiter, mark } of DELIMITERS) {
      if (!text.startsWith(delimiter, i) || !canOpen(text, i, delimiter)) continue;
      const close = closingDelimiter(text, i + delimiter.length, delimiter);
      if (close < 0) continue;
      flush();
      nodes.push(...parseInline(text.slice(i + delimiter.length, close), [...marks, { type: mark }]));
      i = close + delimiter.length;
      continue outer;
    }
    literal += c;
    i++;
  }
  flush();
  return mergeAdjacent(nodes);
}

function runLength(text: string, at: number, char: string): number {
  let n = 0;
  while (text[at + n] === char) n++;
  return n;
}

/** A code span opened by the backtick run at `at` and closed by a run of the same length. */
function codeSpan(text: string, at: number): { code: string; end: number } | undefined {
  const run = runLength(text, at, '`');
  for (let j = text.indexOf('`', at + run); j >= 0; j = text.indexOf('`', j + runLength(text, j, '`'))) {
    if (runLength(text, j, '`') !== run) continue;
    let code = text.slice(at + run, j);
    // One space on each side is padding, so that code may start or end with a backtick.
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') code = code.slice(1, -1);
    return { code, end: j + run };
  }
  return undefined;
}

/** `[label](href)` starting at `at`; brackets and parentheses may nest, escapes are skipped. */
function inlineLink(text: string, at: number): { label: string; href: string; end: number } | undefined {
  const labelEnd = matching(text, at, '[', ']');
  if (labelEnd < 0 || text[labelEnd + 1] !== '(') return undefined;
  const hrefEnd = matching(text, labelEnd + 1, '(', ')');
  if (hrefEnd < 0) return undefined;
  const href = text.slice(labelEnd + 2, hrefEnd).trim();
  if (href === '' || /\s/.test(href)) return undefined;
  return { label: text.slice(at + 1, labelEnd), href, end: hrefEnd + 1 };
}

function matching(text: string, at: number, open: string, close: string): number {
  let depth = 0;
  for (let j = at; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === open) depth++;
    else if (text[j] === close && --depth === 0) return j;
  }
  return -1;
}

/** An opening delimiter is followed by a non-space; `_` must also not follow a letter or digit. */
function canOpen(text: string, at: number, delimiter: string): boolean {
  const next = text[at + delimiter.length];
  if (next === undefined || /\s/.test(next)) return false;
  return !delimiter.startsWith('_') || at === 0 || !WORD.test(text[at - 1]);
}

/** Where `delimiter` closes: preceded by a non-space; `_` not followed by a letter or digit. Code spans and escapes are skipped. */
function closingDelimiter(text: string, from: number, delimiter: string): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text[j] === '`') {
      const span = codeSpan(text, j);
      if (span) j = span.end - 1;
      continue;
    }
    if (!text.startsWith(delimiter, j) || j === from || /\s/.test(text[j - 1])) continue;
    // A single `*` or `_` is not the closing one when it is part of a double: that one opens or closes a strong.
    if (delimiter.length === 1 && text[j + 1] === delimiter) {
      j++;
      continue;
    }
    if (delimiter.startsWith('_') && j + delimiter.length < text.length && WORD.test(text[j + delimiter.length])) continue;
    return j;
  }
  return -1;
}

function mergeAdjacent(nodes: AdfNode[]): AdfNode[] {
  const merged: AdfNode[] = [];
  for (const node of nodes) {
    const last = merged[merged.length - 1];
    if (last && last.type === 'text' && node.type === 'text' && JSON.stringify(last.marks ?? []) === JSON.stringify(node.marks ?? [])) {
      merged[merged.length - 1] = { ...last, text: (last.text ?? '') + (node.text ?? '') };
    } else merged.push(node);
  }
  return merged;
}
