import assert from 'node:assert/strict';
import { parseLinkHeader } from '../../src';

describe('parseLinkHeader', () => {
  it('reads several links with their relation types and parameters', () => {
    const links = parseLinkHeader('<https://a.example/p?page=2>; rel="next", <https://a.example/p?page=9>; rel=last; title="Last page"');
    assert.deepEqual(links, [
      { href: 'https://a.example/p?page=2', rel: ['next'], params: { rel: 'next' } },
      { href: 'https://a.example/p?page=9', rel: ['last'], params: { rel: 'last', title: 'Last page' } },
    ]);
  });

  it('keeps commas, semicolons and escaped quotes inside quoted parameters', () => {
    const [first, second] = parseLinkHeader('</a>; title="one, two; \\"three\\""; rel="prev", </b>; rel=next');
    assert.equal(first.params.title, 'one, two; "three"');
    assert.deepEqual(first.rel, ['prev']);
    assert.equal(second.href, '/b');
    assert.deepEqual(second.rel, ['next']);
  });

  it('splits a relation list, lower-cases relation types and parameter names, and keeps the first rel', () => {
    const [link] = parseLinkHeader('<x>; REL="Next Last"; rel=prev');
    assert.deepEqual(link.rel, ['next', 'last']);
  });

  it('resolves relative targets against the base URL', () => {
    const links = parseLinkHeader('<?cursor=abc>; rel="next", </v2/items?page=3>; rel=last, <../up>; rel=up', 'https://api.example/v1/items?page=2');
    assert.deepEqual(
      links.map((l) => l.href),
      ['https://api.example/v1/items?cursor=abc', 'https://api.example/v2/items?page=3', 'https://api.example/up'],
    );
  });

  it('skips a malformed link and still returns the others', () => {
    const links = parseLinkHeader('garbage; rel="x, y", <https://ok.example/2>; rel=next, <https://bad.example> nonsense, <https://ok.example/3>; rel=last');
    assert.deepEqual(
      links.map((l) => [l.href, l.rel[0]]),
      [
        ['https://ok.example/2', 'next'],
        ['https://ok.example/3', 'last'],
      ],
    );
  });

  it('returns nothing for an empty header', () => {
    assert.deepEqual(parseLinkHeader(''), []);
    assert.deepEqual(parseLinkHeader(' , '), []);
  });
});
