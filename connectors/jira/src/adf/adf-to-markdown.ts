import { MARK_ORDER, sortMarks, type AdfMark, type AdfNode } from './adf.types';

/**
 * Converts an ADF document to Markdown that `markdownToAdf` reads back to the same document for
 * paragraphs, headings, lists, code blocks, quotes, rules, hard breaks and the marks strong, em,
 * strike, code and link. Other nodes degrade to their text (mentions, emoji, dates, status
 * lozenges, cards as links; panels, expands and layouts as their content; table rows as
 * `| a | b |` lines); media and marks without a Markdown form (underline, colour) are dropped.
 */
export function adfToMarkdown(doc: unknown): string {
  return blocks(childrenOf(doc)).trimEnd();
}

function childrenOf(node: unknown): AdfNode[] {
  const content = (node as AdfNode | null)?.content;
  return Array.isArray(content) ? content.filter((c): c is AdfNode => Boolean(c) && typeof c === 'object' && typeof c.type === 'string') : [];
}

function blocks(nodes: AdfNode[]): string {
  return nodes
    .map(block)
    .filter((b) => b !== '')
    .join('\n\n');
}

function block(node: AdfNode): string {
  switch (node.type) {
    case 'paragraph':
      return inline(childrenOf(node));
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      return `${'#'.repeat(level)} ${inline(childrenOf(node))}`;
    }
    case 'bulletList':
      return childrenOf(node)
        .map((item) => listItem(item, '- '))
        .join('\n');
    case 'orderedList': {
      const start = Number(node.attrs?.order) || 1;
      return childrenOf(node)
        .map((item, k) => listItem(item, `${start + k}. `))
        .join('\n');
    }
    case 'codeBlock':
      return codeBlock(node);
    case 'blockquote':
      return blocks(childrenOf(node))
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'rule':
      return '---';
    case 'table':
      return childrenOf(node)
        .map((row) => `| ${childrenOf(row).map((cell) => blocks(childrenOf(cell)).replace(/\n+/g, ' ')).join(' | ')} |`)
        .join('\n');
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return '';
    default:
      // Containers without a Markdown form (panel, expand, layouts…) keep their content.
      return node.content ? blocks(childrenOf(node)) : inline([node]);
  }
}

/** `- text` with the item's further blocks indented under it; nested lists follow their paragraph directly. */
function listItem(item: AdfNode, marker: string): string {
  const indent = ' '.repeat(marker.length);
  const parts = childrenOf(item);
  let out = '';
  parts.forEach((part, k) => {
    const text = block(part);
    const separator = k === 0 ? '' : part.type === 'bulletList' || part.type === 'orderedList' ? '\n' : '\n\n';
    out += separator + text;
  });
  return marker + out.split('\n').map((line, k) => (k === 0 || line === '' ? line : indent + line)).join('\n');
}

function codeBlock(node: AdfNode): string {
  const code = childrenOf(node)
    .map((t) => t.text ?? '')
    .join('');
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const language = typeof node.attrs?.language === 'string' ? node.attrs.language : '';
  return `${fence}${language}\n${code}\n${fence}`;
}

/** A span of inline content: text with marks, or a hard break. */
type Segment = { text: string; marks: AdfMark[] } | { hardBreak: true };

function segments(nodes: AdfNode[]): Segment[] {
  return nodes.flatMap((node): Segment[] => {
    if (node.type === 'hardBreak') return [{ hardBreak: true }];
    const text = inlineText(node);
    if (text === '') return [];
    const marks = sortMarks((node.marks ?? []).filter((m) => MARK_ORDER.includes(m.type)));
    // A newline inside a text node is a line break too.
    return text.split('\n').flatMap((part, k): Segment[] => [...(k > 0 ? [{ hardBreak: true } as const] : []), ...(part ? [{ text: part, marks }] : [])]);
  });
}

function inlineText(node: AdfNode): string {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'mention':
      return String(attrs.text ?? `@${String(attrs.id ?? 'someone')}`);
    case 'emoji':
      return String(attrs.text ?? attrs.shortName ?? '');
    case 'date':
      return Number.isFinite(Number(attrs.timestamp)) ? new Date(Number(attrs.timestamp)).toISOString().slice(0, 10) : '';
    case 'status':
      return String(attrs.text ?? '');
    default:
      return node.content ? childrenOf(node).map(inlineText).join('') : '';
  }
}

function inline(nodes: AdfNode[]): string {
  // Cards become links to their URL, so that they read back as links.
  const withCards = nodes.map((n) =>
    n.type === 'inlineCard' && typeof n.attrs?.url === 'string' ? { type: 'text', text: n.attrs.url, marks: [{ type: 'link', attrs: { href: n.attrs.url } }] } : n,
  );
  return render(segments(withCards), []);
}

const markKey = (m: AdfMark): string => (m.type === 'link' ? `link:${String(m.attrs?.href)}` : m.type);

const hasMark = (segment: Segment, key: string): boolean => 'text' in segment && segment.marks.some((m) => markKey(m) === key);

/** How many segments from `from` on carry the mark `key`. */
function runLength(items: Segment[], from: number, key: string): number {
  let j = from;
  while (j < items.length && hasMark(items[j], key)) j++;
  return j - from;
}

/**
 * The mark to open at segment `i`: of its marks not open yet, the one that goes on longest, so
 * that it is opened once around the others (`**see [docs](url)**`, not `**see** [**docs**](url)`).
 * Code goes last: a code span cannot hold other marks.
 */
function markToOpen(items: Segment[], i: number, open: string[]): AdfMark | undefined {
  const item = items[i];
  if (!('text' in item)) return undefined;
  const candidates = item.marks.filter((m) => !open.includes(markKey(m)));
  const ranked = candidates.filter((m) => m.type !== 'code');
  if (ranked.length === 0) return candidates[0];
  return ranked.reduce((best, m) => (runLength(items, i, markKey(m)) > runLength(items, i, markKey(best)) ? m : best));
}

const WORD = /[\p{L}\p{N}]/u;

/** Renders segments, each mark opened once for the run of segments that carry it. */
function render(items: Segment[], open: string[]): string {
  let out = '';
  for (let i = 0; i < items.length; ) {
    const item = items[i];
    const mark = markToOpen(items, i, open);
    if (!mark) {
      out += 'text' in item ? escapeText(item.text, out === '' || out.endsWith('\n')) : '\n';
      i++;
      continue;
    }
    const j = i + runLength(items, i, markKey(mark));
    const following = items[j];
    const after = following && 'text' in following && !markToOpen(items, j, open) ? following.text[0] : '';
    out += wrap(items.slice(i, j), mark, open, out.slice(-1), after);
    i = j;
  }
  return out;
}

/** A run of segments inside `mark`'s delimiters; `before` and `after` are the characters around it. */
function wrap(run: Segment[], mark: AdfMark, open: string[], before: string, after: string): string {
  if (mark.type === 'code') return codeSpan(run.map((s) => ('text' in s ? s.text : '')).join(''));
  const inner = render(run, [...open, markKey(mark)]);
  // Delimiters must touch text: spaces at the edges move outside (`**a **` would not close).
  const lead = /^\s*/.exec(inner)![0];
  const trail = /\s*$/.exec(inner.slice(lead.length))![0];
  const core = inner.slice(lead.length, inner.length - trail.length);
  if (core === '') return inner;
  switch (mark.type) {
    case 'link':
      return `${lead}[${core}](${markdownHref(String(mark.attrs?.href ?? ''))})${trail}`;
    case 'strong':
      return `${lead}**${core}**${trail}`;
    case 'em': {
      // `_` cannot open or close inside a word (snake_case stays literal), so emphasis inside a word uses `*`.
      const delimiter = WORD.test(lead ? ' ' : before) || WORD.test(trail ? ' ' : after) ? '*' : '_';
      return `${lead}${delimiter}${core}${delimiter}${trail}`;
    }
    default:
      return `${lead}~~${core}~~${trail}`;
  }
}

/** An href as a Markdown link target: balanced parentheses stay (Wikipedia URLs), unbalanced ones and spaces are percent-encoded. */
function markdownHref(href: string): string {
  let depth = 0;
  for (const c of href) {
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  const encoded = href.replace(/\s/g, (c) => encodeURIComponent(c));
  return depth === 0 ? encoded : encoded.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function codeSpan(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') || (code.startsWith(' ') && code.endsWith(' ') && code.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${code}${pad}${fence}`;
}

/**
 * Escapes what Markdown would read as syntax: inline delimiters everywhere, and at the start of a
 * line what would start a block (heading, quote, list item, fence, rule).
 */
function escapeText(text: string, atLineStart: boolean): string {
  let out = text.replace(/[\\`*[\]]/g, '\\$&').replace(/~(?=~)|(?<=~)~/g, '\\~').replace(/<(?=https?:)/g, '\\<');
  out = out.replace(/_/g, (u, k: number, s: string) => (k === 0 || k === s.length - 1 || !/[\p{L}\p{N}]/u.test(s[k - 1]) || !/[\p{L}\p{N}]/u.test(s[k + 1]) ? '\\_' : u));
  if (!atLineStart) return out;
  return out.replace(/^(\s*)(#{1,6}(?:\s|$)|>|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|---|___)/, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}
