/** Lines of generated code with indentation, joined with `\n` and ending in one. */
export class CodeWriter {
  private readonly lines: string[] = [];
  private depth = 0;

  constructor(private readonly unit = '    ') {}

  line(text = ''): this {
    this.lines.push(text ? this.unit.repeat(this.depth) + text : '');
    return this;
  }

  each(texts: string[]): this {
    for (const t of texts) this.line(t);
    return this;
  }

  indent(body: () => void): this {
    this.depth++;
    body();
    this.depth--;
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
