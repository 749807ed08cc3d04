import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { indexTokens, parseQuery } from './search-text.js';
import { searchSnippet } from './search-snippet.js';

const snippet = (text: string, query: string, maxChars?: number) => searchSnippet(text, parseQuery(query), maxChars);

/** The marked stretches of a snippet, as the reader sees them. */
const marked = (html: string) => [...html.matchAll(/<mark>(.*?)<\/mark>/gs)].map((match) => unescape(match[1]!));

function unescape(html: string): string {
  return html
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The text a snippet shows: no tags, entities read, without the "…" added where it was cut. */
function shown(html: string): string {
  return unescape(html.replaceAll('<mark>', '').replaceAll('</mark>', '')).replace(/^…/, '').replace(/…$/, '');
}

/** The input as HTML can carry it: controls (other than tab and line breaks) as spaces, lone surrogates as U+FFFD. */
function displayable(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- the controls are what this finds
      .replace(/[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g, ' ')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
  );
}

const FILLER = 'The council met on Tuesday to discuss the budget for the coming year and the state of the roads. ';

const ARTICLE_CHARS = [
  ...'abcXYZéÉßøñ019 ',
  ...'防衛省弾道国会々ミサイルーカタｶﾀﾅﾞがかんの。、「」',
  ...'한국어ＡＢＣ１２３',
  ...'"“”*()-:^\\%_\'’.,\n\t\u0000\u00AD\u0301<>&;/…\ud800\udc00',
];
const articleText = fc.array(fc.constantFrom(...ARTICLE_CHARS), { maxLength: 400 }).map((chars) => chars.join(''));
const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  articleText,
  fc.constantFrom('<script>alert(1)</script>', '&amp; &lt;mark&gt;', '<mark>x</mark>', '\ud800<b>\udfff'),
);
const anyQuery = fc.oneof(fc.string(), articleText, fc.constantFrom('script', 'mark', 'amp', '"b x"', '防衛'));

describe('searchSnippet', () => {
  it('marks a word whose stem the query shares, as written', () => {
    expect(snippet('The tanker was Refueling over the sea.', 'refuel')).toBe(
      'The tanker was <mark>Refueling</mark> over the sea.',
    );
  });

  it('marks a two-character Japanese query inside a longer word', () => {
    expect(snippet('防衛省は13日に発表した。', '防衛')).toBe('<mark>防衛</mark>省は13日に発表した。');
  });

  it('marks katakana for a half-width query and half-width text for a full-width one', () => {
    expect(marked(snippet('北朝鮮が弾道ミサイルを発射した。', 'ﾐｻｲﾙ'))).toEqual(['ミサイル']);
    expect(marked(snippet('北朝鮮が弾道ﾐｻｲﾙを発射した。', 'ミサイル'))).toEqual(['ﾐｻｲﾙ']);
  });

  it('marks a phrase only where its words stand together', () => {
    const html = snippet('Jets were seen. Later the refueling jets landed; refueling went on.', '"refueling jets"');
    expect(marked(html)).toEqual(['refueling jets']);
  });

  it('does not mark a word that only contains the query', () => {
    expect(marked(snippet('The carpet was red.', 'car'))).toEqual([]);
  });

  it('centres on the stretch with the most distinct query terms', () => {
    const text = `Harbour news first. ${FILLER.repeat(10)}The harbour ferry sails again. ${FILLER.repeat(10)}`;
    const html = snippet(text, 'harbour ferry', 120);
    expect(marked(html)).toEqual(['harbour', 'ferry']);
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('cuts at word boundaries, so the words at either end are whole', () => {
    const text = `${FILLER.repeat(5)}The ferry sails again. ${FILLER.repeat(5)}`;
    const words = new Set(text.split(/[\s.]+/));
    const visible = shown(snippet(text, 'ferry', 100))
      .trim()
      .split(/[\s.]+/)
      .filter(Boolean);
    expect(words.has(visible[0]!)).toBe(true);
    expect(words.has(visible.at(-1)!)).toBe(true);
    expect(visible.join(' ').length).toBeLessThanOrEqual(100);
  });

  it('shows the first maxChars, cut at a word, when nothing matches', () => {
    expect(snippet(FILLER.repeat(3), 'zebra', 30)).toBe('The council met on Tuesday to…');
    expect(snippet('Short text.', 'zebra')).toBe('Short text.');
    expect(snippet('Short text.', '')).toBe('Short text.');
  });

  it('escapes everything but its own marks', () => {
    expect(snippet('a <script>alert("x")</script> & \'b\'', 'alert')).toBe(
      'a &lt;script&gt;<mark>alert</mark>(&quot;x&quot;)&lt;/script&gt; &amp; &#39;b&#39;',
    );
    expect(snippet('&amp; stays as typed', 'amp')).toBe('&amp;<mark>amp</mark>; stays as typed');
  });

  it('writes controls as spaces and lone surrogates as U+FFFD', () => {
    expect(snippet('one\u0000two \ud800 three', 'three')).toBe('one two \ufffd <mark>three</mark>');
  });

  it('never outputs a tag other than <mark>, nor a mark inside a mark, whatever the text and query', () => {
    fc.assert(
      fc.property(hostileText, anyQuery, fc.integer({ min: 1, max: 300 }), (text, query, max) => {
        const html = snippet(text, query, max);
        const tags = html.match(/<[^>]*>?/g) ?? [];
        tags.forEach((tag, i) => expect(tag).toBe(i % 2 === 0 ? '<mark>' : '</mark>'));
        expect(tags.length % 2).toBe(0);
        expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']|&(?!(?:amp|lt|gt|quot|#39);)/);
      }),
      { numRuns: 1500 },
    );
  });

  it('shows a window of the text as written, whatever the text and query', () => {
    fc.assert(
      fc.property(hostileText, anyQuery, fc.integer({ min: 1, max: 300 }), (text, query, max) => {
        expect(displayable(text)).toContain(shown(snippet(text, query, max)));
      }),
      { numRuns: 1500 },
    );
  });

  it('marks only stretches whose tokens include a query token, and marks a word taken from the text', () => {
    fc.assert(
      fc.property(articleText, fc.nat(), (text, pick) => {
        const tokens = indexTokens(text);
        fc.pre(tokens.length > 0);
        const token = tokens[pick % tokens.length]!;
        // The token itself, not the token parsed again: stemming a stem can change it (aaye → aay → aai).
        const html = searchSnippet(text, { terms: [{ kind: 'token', token }], cut: false }, 400);
        const marks = marked(html);
        expect(marks.length).toBeGreaterThan(0);
        for (const mark of marks) expect(indexTokens(mark)).toContain(token);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a 20 KB body to a window of maxChars around the match', () => {
    const body = `${FILLER.repeat(110)}The ferry returned. ${FILLER.repeat(110)}`;
    expect(body.length).toBeGreaterThan(20_000);
    const visible = shown(snippet(body, 'ferry'));
    expect(visible.length).toBeLessThanOrEqual(240);
    expect(visible).toContain('The ferry returned.');
  });
});
