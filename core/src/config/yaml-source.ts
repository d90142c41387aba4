import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { PathSegment } from './config-path';

/** A YAML syntax error, with the 1-based line it was found on. */
export interface YamlSyntaxError {
  line: number;
  message: string;
}

/**
 * One YAML file parsed with source positions kept, so that any problem found later (by a schema,
 * a cross-file check, a connector's config schema) can be reported at the line of the node it is
 * about.
 */
export class YamlSource {
  private constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** Syntax errors; when there are any, `value` is not to be trusted. */
    readonly syntaxErrors: YamlSyntaxError[],
    /** The document as plain data (maps → objects, sequences → arrays); `undefined` for an empty file. */
    readonly value: unknown,
  ) {}

  static parse(text: string): YamlSource {
    const lines = new LineCounter();
    // prettyErrors off: we want one-line messages, the line number is reported separately.
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
    // Only the first error: the parser's later ones are nearly always follow-ups of it.
    const first = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]).slice(0, 1);
    const syntaxErrors = first.map((e) => {
      const line = lines.linePos(e.pos[0]).line;
      return { line, message: e.message + hintFor(text, lines.lineStarts, line) };
    });
    let value: unknown;
    if (syntaxErrors.length === 0) {
      try {
        value = doc.toJS() ?? undefined;
      } catch (err) {
        // e.g. an alias bomb exceeding maxAliasCount: a problem of the file, not a crash.
        syntaxErrors.push({ line: 1, message: err instanceof Error ? err.message : String(err) });
      }
    }
    return new YamlSource(doc, lines, syntaxErrors, value);
  }

  /**
   * 1-based line of the node at `path`. For a map entry that is the line of its key (so a block
   * value is reported where its key is written); for a missing node, the line of the nearest
   * ancestor that exists.
   */
  lineOf(path: readonly PathSegment[]): number {
    let node: unknown = this.doc.contents;
    let line = this.lineOfNode(node) ?? 1;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      if (isMap(node)) {
        // toJS turns every key into a string, so `1:` is found by the path segment "1".
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return line;
        line = this.lineOfNode(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        const itemLine = this.lineOfNode(node);
        if (itemLine === undefined) return line;
        line = itemLine;
      } else {
        return line;
      }
    }
    return line;
  }

  private lineOfNode(node: unknown): number | undefined {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }
}

/** `${NAME}` inside `{ }` or `[ ]` opens a nested flow map: the most common way to break a config file. */
function hintFor(text: string, lineStarts: number[], line: number): string {
  const lineText = text.slice(lineStarts[line - 1] ?? 0, lineStarts[line] ?? text.length);
  return /[{[].*(?<!["'])\$\{/.test(lineText) ? ' (hint: quote values containing ${...} inside { } or [ ], e.g. "${NAME}")' : '';
}
