/** Atlassian Document Format, as far as this connector reads and writes it. */

export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/**
 * The order marks are listed in on the nodes this connector writes, and the nesting of their
 * Markdown: link outermost, code innermost (ADF allows code only together with link).
 */
export const MARK_ORDER = ['link', 'strong', 'em', 'strike', 'code'];

export function sortMarks(marks: AdfMark[]): AdfMark[] {
  const rank = (m: AdfMark): number => (MARK_ORDER.includes(m.type) ? MARK_ORDER.indexOf(m.type) : MARK_ORDER.length);
  return [...marks].sort((a, b) => rank(a) - rank(b));
}

export function textNode(text: string, marks: AdfMark[]): AdfNode {
  return marks.length > 0 ? { type: 'text', text, marks: sortMarks(marks) } : { type: 'text', text };
}
