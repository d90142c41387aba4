import type { AdfDocument, AdfNode } from './adf.types';
import { parseInline } from './inline-markdown';

const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( *)([-*+]|\d{1,9}[.)])( +|$)(.*)$/;

/**
 * Converts Markdown (or plain text, which reads as paragraphs) to an ADF document: paragraphs,
 * headings, bullet and ordered lists (nested by indentation), fenced code blocks, block quotes,
 * rules, and inline marks (see parseInline). A line break inside a paragraph is kept as a
 * hardBreak, so plain text keeps its lines.
 */
export function markdownToAdf(markdown: string): AdfDocument {
  return { type: 'doc', version: 1, content: parseBlocks(markdown.replace(/\r\n?/g, '\n').split('\n')) };
}

function parseBlocks(lines: string[]): AdfNode[] {
  const blocks: AdfNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === '') {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const [, marker, language] = fence;
      const body: string[] = [];
      for (i++; i < lines.length && !isClosingFence(lines[i], marker); i++) body.push(lines[i]);
      i++;
      const code = body.join('\n');
      blocks.push({ type: 'codeBlock', ...(language ? { attrs: { language } } : {}), ...(code ? { content: [{ type: 'text', text: code }] } : {}) });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', attrs: { level: heading[1].length }, content: parseInline(heading[2] ?? '') });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]); i++) quoted.push(QUOTE.exec(lines[i])![1]);
      blocks.push({ type: 'blockquote', content: parseBlocks(quoted) });
      continue;
    }
    if (ITEM.test(line) && indentOf(line) <= 3) {
      const list = parseList(lines, i);
      blocks.push(list.node);
      i = list.end;
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length && lines[i].trim() !== '' && (paragraph.length === 0 || !startsBlock(lines[i])); i++) paragraph.push(lines[i]);
    blocks.push({ type: 'paragraph', content: inlineLines(paragraph) });
  }
  return blocks;
}

/** A list starting at line `start`: its items, each holding the blocks indented under its marker. */
function parseList(lines: string[], start: number): { node: AdfNode; end: number } {
  const first = ITEM.exec(lines[start])!;
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const items: AdfNode[] = [];
  let i = start;
  while (i < lines.length) {
    const item = ITEM.exec(lines[i]);
    if (!item || item[1].length !== indent || /\d/.test(item[2]) !== ordered) break;
    // Lines indented as far as the item's text belong to the item (CommonMark's content indent).
    const contentIndent = indent + item[2].length + Math.max(1, Math.min(item[3].length, 4));
    const body = [item[4]];
    for (i++; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === '') {
        const next = lines.slice(i + 1).find((l) => l.trim() !== '');
        if (next === undefined || indentOf(next) < contentIndent) break;
        body.push('');
      } else if (indentOf(line) >= contentIndent) body.push(line.slice(contentIndent));
      else if (indentOf(line) > indent && ITEM.test(line)) body.push(line.trimStart());
      else if (!startsBlock(line) && body[body.length - 1] !== '') body.push(line.trim());
      else break;
    }
    const content = parseBlocks(body);
    items.push({ type: 'listItem', content: content.length > 0 ? content : [{ type: 'paragraph', content: [] }] });
  }
  const node: AdfNode = ordered ? { type: 'orderedList', attrs: { order: Number(/\d+/.exec(first[2])![0]) }, content: items } : { type: 'bulletList', content: items };
  // A blank line between items does not end the list.
  let end = i;
  while (end < lines.length && lines[end].trim() === '') end++;
  const again = end < lines.length ? ITEM.exec(lines[end]) : null;
  if (again && again[1].length === indent && /\d/.test(again[2]) === ordered && end > i) {
    const rest = parseList(lines, end);
    node.content!.push(...rest.node.content!);
    return { node, end: rest.end };
  }
  return { node, end: i };
}

function isClosingFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= marker.length && trimmed === marker[0].repeat(trimmed.length);
}

function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || (ITEM.test(line) && indentOf(line) <= 3);
}

const indentOf = (line: string): number => line.length - line.trimStart().length;

/** A paragraph's lines as inline nodes, each line break a hardBreak. */
function inlineLines(lines: string[]): AdfNode[] {
  return lines.flatMap((line, k) => [...(k > 0 ? [{ type: 'hardBreak' }] : []), ...parseInline(line)]);
}
