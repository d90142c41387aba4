import assert from 'node:assert/strict';
import { adfToMarkdown } from '../../src/adf/adf-to-markdown';
import { markdownToAdf } from '../../src/adf/markdown-to-adf';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, ...marks: Array<string | { type: string; attrs: Record<string, unknown> }>) =>
  marks.length ? { type: 'text', text, marks: marks.map((m) => (typeof m === 'string' ? { type: m } : m)) } : { type: 'text', text };
const link = (href: string) => ({ type: 'link', attrs: { href } });
const li = (...content: unknown[]) => ({ type: 'listItem', content });

/** A document as Jira's editor writes one, using every node and mark the conversion keeps. */
const EDITOR_DOCUMENT = doc(
  { type: 'heading', attrs: { level: 2 }, content: [t('Steps to reproduce')] },
  p(t('Open the '), t('settings', 'strong'), t(' page, then '), t('click', 'em'), t(' save'), { type: 'hardBreak' }, t('and wait '), t('30s', 'code'), t('.')),
  {
    type: 'orderedList',
    attrs: { order: 1 },
    content: [li(p(t('first'))), li(p(t('second')), { type: 'bulletList', content: [li(p(t('nested '), t('gone', 'strike')))] })],
  },
  { type: 'codeBlock', attrs: { language: 'json' }, content: [t('{ "a": `1` }')] },
  { type: 'blockquote', content: [p(t('quoted with a '), t('link', link('https://example.com/a_(b)')))] },
  { type: 'rule' },
  p(t('see ', 'strong'), t('docs', link('https://docs.example.com'), 'strong')),
);

describe('ADF conversion', () => {
  it('converts Markdown paragraphs, headings, lists, code, quotes, links, bold and italic to ADF', () => {
    const adf = markdownToAdf('# Title\n\nSome **bold**, *italic* and _italic_ text with `code` and [a link](https://example.com).\nSecond line\n\n- one\n- two\n  1. nested\n\n```ts\nconst x = 1;\n```\n\n> quoted\n\n---');
    assert.deepEqual(
      adf,
      doc(
        { type: 'heading', attrs: { level: 1 }, content: [t('Title')] },
        p(t('Some '), t('bold', 'strong'), t(', '), t('italic', 'em'), t(' and '), t('italic', 'em'), t(' text with '), t('code', 'code'), t(' and '), t('a link', link('https://example.com')), t('.'), { type: 'hardBreak' }, t('Second line')),
        { type: 'bulletList', content: [li(p(t('one'))), li(p(t('two')), { type: 'orderedList', attrs: { order: 1 }, content: [li(p(t('nested')))] })] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [t('const x = 1;')] },
        { type: 'blockquote', content: [p(t('quoted'))] },
        { type: 'rule' },
      ),
    );
  });

  it('reads plain text as paragraphs, keeping its line breaks and its literal characters', () => {
    assert.deepEqual(markdownToAdf('Line one\nline two with snake_case and 5 * 3\n\nNext paragraph'), doc(p(t('Line one'), { type: 'hardBreak' }, t('line two with snake_case and 5 * 3')), p(t('Next paragraph'))));
  });

  it("converts Jira's editor document to Markdown and back to the same document", () => {
    const markdown = adfToMarkdown(EDITOR_DOCUMENT);
    assert.equal(
      markdown,
      [
        '## Steps to reproduce',
        '',
        'Open the **settings** page, then _click_ save\nand wait `30s`.',
        '',
        '1. first\n2. second\n   - nested ~~gone~~',
        '',
        '```json\n{ "a": `1` }\n```',
        '',
        '> quoted with a [link](https://example.com/a_(b))',
        '',
        '---',
        '',
        '**see [docs](https://docs.example.com)**',
      ].join('\n'),
    );
    assert.deepEqual(markdownToAdf(markdown), EDITOR_DOCUMENT);
  });

  it('round-trips Markdown through ADF unchanged', () => {
    for (const markdown of [
      'Hello **world**, _em_, ~~strike~~, `code` and [a link](https://x.example/path?q=1).',
      '- a\n- b\n  - c **d**\n- e\n\n  second paragraph of e',
      '3. three\n4. four',
      'intra*word*emphasis and **bold _both_**',
      '```\nno language\n```',
    ]) {
      assert.equal(adfToMarkdown(markdownToAdf(markdown)), markdown, markdown);
    }
  });

  it('escapes text that would read as Markdown, so it comes back as the same text', () => {
    const tricky = doc(p(t('# not a heading')), p(t('1986. a year, *stars*, [brackets], a ~~tilde~~ pair, snake_case and _private')), p(t('- not a list')));
    const markdown = adfToMarkdown(tricky);
    assert.equal(markdown, '\\# not a heading\n\n1986\\. a year, \\*stars\\*, \\[brackets\\], a \\~\\~tilde\\~\\~ pair, snake_case and \\_private\n\n\\- not a list');
    assert.deepEqual(markdownToAdf(markdown), tricky);
  });

  it('degrades nodes without a Markdown form to their text and drops media', () => {
    const rich = doc(
      p({ type: 'mention', attrs: { id: '557058:ada', text: '@Ada Lovelace' } }, t(' '), { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } }, t(' '), { type: 'inlineCard', attrs: { url: 'https://example.com/card' } }),
      { type: 'panel', attrs: { panelType: 'info' }, content: [p(t('inside a panel', 'underline'))] },
      { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'x', type: 'file' } }] },
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', content: [p(t('a'))] }, { type: 'tableCell', content: [p(t('b'))] }] }] },
    );
    assert.equal(adfToMarkdown(rich), '@Ada Lovelace 😄 [https://example.com/card](https://example.com/card)\n\ninside a panel\n\n| a | b |');
  });

  it('gives an empty string for a document without content, and reads an empty string as an empty document', () => {
    assert.equal(adfToMarkdown(doc()), '');
    assert.deepEqual(markdownToAdf(''), doc());
  });
});
