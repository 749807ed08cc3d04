import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { feedDocument, type FeedMeta } from './feed-document.js';
import { toFeedItem, type FeedArticle } from './feed-items.js';

const BASE = 'https://news.example.com';
/** Everything that has broken a feed somewhere: markup, entities, CDATA's end (twice), a control character. */
const NASTY = 'A & B <b>bold</b> "quoted" \'single\' ]]> then ]]> again \u0001 end';
const CLEAN = 'A & B <b>bold</b> "quoted" \'single\' ]]> then ]]> again  end';

const meta: FeedMeta = {
  title: `Site ${NASTY}`,
  description: 'News',
  link: `${BASE}/`,
  self: `${BASE}/feed/`,
  language: 'en',
  updated: new Date('2026-01-22T00:00:00Z'),
};

const article: FeedArticle = {
  id: 7,
  headline: NASTY,
  standfirst: NASTY,
  path: '/politics/20260121-7/',
  firstPublishedAt: new Date('2026-01-21T04:01:00Z'),
  updatedAt: new Date('2026-01-21T09:45:00Z'),
  bylines: [
    { name: NASTY, slug: 'nasty' },
    { name: 'Mei Aoki', slug: 'mei-aoki' },
  ],
  section: { name: 'Defense & Security', path: '/politics/defense-security/' },
  tags: [{ name: NASTY, slug: 'nasty' }],
  mainPhoto: { mediaId: 9, hash: 'ab', width: 1000, height: 600, caption: NASTY, credit: NASTY, alt: '' },
  // As the body renderer escapes text.
  bodyHtml: '<p>A &amp; B &lt;b&gt; ]]&gt; ]]&gt;</p>',
};

const decodeHtml = (html: string): string =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
/** rss-parser's `content` of an RSS item is its description: the standfirst, escaped as HTML. */
const escapeForRssParser = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const item = toFeedItem(article, { baseUrl: BASE, content: 'full' });

describe('feedDocument', () => {
  for (const format of ['rss', 'atom'] as const) {
    it(`writes well-formed ${format} whatever the texts hold, and both parsers read them back unchanged`, async () => {
      const xml = feedDocument(format, meta, [item]);
      expect(XMLValidator.validate(xml)).toBe(true);
      // @rowanmanning/feed-parser answers text, HTML fields decoded.
      const [a] = parseFeed(xml).items;
      expect(a!.title).toBe(CLEAN);
      expect(a!.description).toBe(CLEAN);
      expect(a!.content).toBe('<p>A & B <b> ]]> ]]></p>');
      expect(a!.id).toBe('tag:news.example.com,2026-01-21:article-7');
      expect(a!.url).toBe(`${BASE}/politics/20260121-7/`);
      expect(a!.authors.map((x) => x.name)).toEqual([CLEAN, 'Mei Aoki']);
      expect(a!.categories.map((c) => c.label)).toEqual(['Defense & Security', CLEAN]);
      expect(a!.published?.toISOString()).toBe('2026-01-21T04:01:00.000Z');
      expect(a!.updated?.toISOString()).toBe(
        format === 'atom' ? '2026-01-21T09:45:00.000Z' : '2026-01-21T04:01:00.000Z',
      );
      expect(a!.media.map((m) => [m.url, m.mimeType])).toEqual([[`${BASE}/media/9-ab/w1000.jpg`, 'image/jpeg']]);
      // rss-parser answers HTML fields as HTML: Atom's title is HTML, RSS's is text.
      const [b] = (await new Parser().parseString(xml)).items;
      expect(format === 'atom' ? decodeHtml(b!.title!) : b!.title).toBe(CLEAN);
      expect(b!.content).toBe(format === 'atom' ? article.bodyHtml : escapeForRssParser(CLEAN));
      expect(format === 'atom' ? b!.id : b!.guid).toBe('tag:news.example.com,2026-01-21:article-7');
      expect(b!.isoDate).toBe('2026-01-21T04:01:00.000Z');
    });
  }

  it('keeps a literal "&amp;" in every text, where xml-js would turn it into "&"', () => {
    const literal = { ...item, title: 'AT&amp;T', authors: [{ name: 'AT&amp;T', url: `${BASE}/author/att/` }] };
    const rss = feedDocument('rss', { ...meta, title: 'AT&amp;T' }, [literal]);
    expect(rss).toContain('<title>AT&amp;amp;T</title>');
    expect(rss).toContain('<dc:creator>AT&amp;amp;T</dc:creator>');
    const atom = feedDocument('atom', { ...meta, title: 'AT&amp;T' }, [literal]);
    expect(atom).toContain('<title>AT&amp;amp;T</title>');
    expect(atom).toContain('<name>AT&amp;amp;T</name>');
  });

  it('declares the dc and media namespaces in RSS, and gives the photo as media:content and enclosure', () => {
    const xml = feedDocument('rss', meta, [{ ...item, contentHtml: null }]);
    expect(xml).toMatch(/<rss [^>]*xmlns:media="http:\/\/search\.yahoo\.com\/mrss\/"/);
    expect(xml).toMatch(/<rss [^>]*xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/"/);
    const [a] = parseFeed(xml).items;
    expect(a!.media.map((m) => [m.url, m.mimeType])).toContainEqual([`${BASE}/media/9-ab/w1000.jpg`, 'image/jpeg']);
    expect(xml).toContain('width="1000" height="600"');
    expect(xml).toContain(
      '<enclosure length="0" type="image/jpeg" url="https://news.example.com/media/9-ab/w1000.jpg"/>',
    );
  });
});
