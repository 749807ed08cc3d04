import { describe, expect, it } from 'vitest';
import {
  absoluteUrls,
  feedGuid,
  FEED_SIZE,
  newestByFirstPublication,
  newestChange,
  stripControlChars,
  toFeedItem,
  toFeedItems,
  type FeedArticle,
} from './feed-items.js';

const BASE = 'https://news.example.com';

const article = (id: number, over: Partial<FeedArticle> = {}): FeedArticle => ({
  id,
  headline: `Headline ${id}`,
  standfirst: `Standfirst ${id}.`,
  path: `/politics/20260121-${id}/`,
  firstPublishedAt: new Date(Date.UTC(2026, 0, 21, 4, id)),
  updatedAt: null,
  bylines: [
    { name: 'Tom Baker', slug: 'tom-baker' },
    { name: 'Mei Aoki', slug: 'mei-aoki' },
  ],
  section: { name: 'Defense & Security', path: '/politics/defense-security/' },
  tags: [{ name: 'Café society', slug: 'café-society' }],
  mainPhoto: null,
  bodyHtml: '<div class="article-body"><p>Body.</p></div>',
  ...over,
});

describe('feedGuid', () => {
  it('names the host, the day of first publication and the id', () => {
    expect(feedGuid(BASE, 7, new Date('2026-01-21T04:01:00Z'))).toBe('tag:news.example.com,2026-01-21:article-7');
  });

  it('stays the same when the article moves section or its address changes', () => {
    const before = toFeedItem(article(7), { baseUrl: BASE, content: 'full' });
    const moved = toFeedItem(
      article(7, { path: '/business/20260121-7/', section: { name: 'Business', path: '/business/' } }),
      { baseUrl: BASE, content: 'full' },
    );
    expect(moved.link).not.toBe(before.link);
    expect(moved.guid).toBe(before.guid);
  });
});

describe('stripControlChars', () => {
  it('drops controls XML cannot carry and keeps tab, newline, return and every script', () => {
    expect(stripControlChars('A\u0000B\u0007C\u001bD\u007fE\u0085F\ufffeG')).toBe('ABCDEFG');
    expect(stripControlChars('tab\there\nline\r한국 café 😀')).toBe('tab\there\nline\r한국 café 😀');
  });

  it('drops a surrogate half that has no partner', () => {
    expect(stripControlChars('a\ud800b\udc00c')).toBe('abc');
  });
});

describe('absoluteUrls', () => {
  it('makes site paths in src, href and srcset absolute and leaves other sites and text alone', () => {
    const html =
      '<p>see src="/x" in <a href="/politics/">Politics</a> or <a href="https://other.example/">there</a>' +
      ' <img src="/media/1-ab/w800.jpg" srcset="/media/1-ab/w400.jpg 400w, /media/1-ab/w800.jpg 800w"></p>' +
      '<a href="//cdn.example/x">cdn</a>';
    expect(absoluteUrls(html, BASE)).toBe(
      '<p>see src="/x" in <a href="https://news.example.com/politics/">Politics</a> or ' +
        '<a href="https://other.example/">there</a> <img src="https://news.example.com/media/1-ab/w800.jpg" ' +
        'srcset="https://news.example.com/media/1-ab/w400.jpg 400w, https://news.example.com/media/1-ab/w800.jpg 800w"></p>' +
        '<a href="//cdn.example/x">cdn</a>',
    );
  });
});

describe('toFeedItem', () => {
  it('gives every field its absolute, cleaned value', () => {
    const item = toFeedItem(
      article(3, {
        headline: 'Talks\u0000 resume',
        updatedAt: new Date('2026-01-22T01:00:00Z'),
        mainPhoto: {
          mediaId: 9,
          hash: '0123456789abcdef',
          width: 1000,
          height: 600,
          caption: 'A minister\u0008 speaks',
          credit: 'Dateline photo',
          alt: 'A minister',
        },
      }),
      { baseUrl: BASE, content: 'full' },
    );
    expect(item).toEqual({
      guid: 'tag:news.example.com,2026-01-21:article-3',
      title: 'Talks resume',
      link: 'https://news.example.com/politics/20260121-3/',
      published: new Date('2026-01-21T04:03:00Z'),
      updated: new Date('2026-01-22T01:00:00Z'),
      summary: 'Standfirst 3.',
      contentHtml: '<div class="article-body"><p>Body.</p></div>',
      authors: [
        { name: 'Tom Baker', url: 'https://news.example.com/author/tom-baker/' },
        { name: 'Mei Aoki', url: 'https://news.example.com/author/mei-aoki/' },
      ],
      categories: [
        { name: 'Defense & Security', url: 'https://news.example.com/politics/defense-security/' },
        { name: 'Café society', url: 'https://news.example.com/tag/caf%C3%A9-society/' },
      ],
      photo: {
        url: 'https://news.example.com/media/9-0123456789abcdef/w1000.jpg',
        type: 'image/jpeg',
        width: 1000,
        height: 600,
        caption: 'A minister speaks',
        credit: 'Dateline photo',
      },
    });
  });

  it('leaves the body out when the site publishes summaries, and dates an unrevised article by its first publication', () => {
    const item = toFeedItem(article(4), { baseUrl: BASE, content: 'summary' });
    expect(item.contentHtml).toBeNull();
    expect(item.summary).toBe('Standfirst 4.');
    expect(item.updated).toEqual(item.published);
  });

  it('uses the largest kept variant of a wide photo', () => {
    const item = toFeedItem(
      article(5, {
        mainPhoto: { mediaId: 1, hash: 'ab', width: 3000, height: 2000, caption: '', credit: null, alt: '' },
      }),
      { baseUrl: BASE, content: 'full' },
    );
    expect([item.photo?.url, item.photo?.width, item.photo?.height]).toEqual([
      'https://news.example.com/media/1-ab/w1200.jpg',
      1200,
      800,
    ]);
  });
});

describe('toFeedItems', () => {
  it(`keeps the ${FEED_SIZE} newest by first publication, newest first`, () => {
    const articles = Array.from({ length: 25 }, (_, i) => article(i + 1));
    const items = toFeedItems(articles.reverse(), { baseUrl: BASE, content: 'full' });
    expect(items.map((i) => i.link)).toEqual(
      Array.from({ length: 20 }, (_, i) => `https://news.example.com/politics/20260121-${25 - i}/`),
    );
  });

  it('orders by first publication, not by the last update', () => {
    const items = toFeedItems([article(1, { updatedAt: new Date('2026-02-01T00:00:00Z') }), article(2)], {
      baseUrl: BASE,
      content: 'full',
    });
    expect(items.map((i) => i.guid.split(':').pop())).toEqual(['article-2', 'article-1']);
    expect(newestChange(items)).toEqual(new Date('2026-02-01T00:00:00Z'));
    expect(newestChange([])).toBeNull();
  });
});

describe('newestByFirstPublication', () => {
  const c = (id: number, firstPublishedAt: number, publishedAt = firstPublishedAt) => ({
    id,
    firstPublishedAt,
    publishedAt,
  });

  it('picks by first publication, not by the displayed time an editor moved forward', () => {
    // Newest by displayed time first, as the walk meets them: 1 was republished, first published long ago.
    const met = [c(1, 10, 100), c(4, 90), c(3, 80), c(2, 70)];
    expect(newestByFirstPublication(met, 2, true)).toEqual([4, 3]);
  });

  it('stops once nothing further can be newer, and asks for more when something still could', () => {
    expect(newestByFirstPublication([c(5, 100), c(4, 90), c(3, 80)], 2, false)).toEqual([5, 4]);
    expect(newestByFirstPublication([c(5, 100), c(1, 10, 95), c(2, 70), c(6, 60)], 2, false)).toEqual([5, 2]);
    // The second pick (first published at 10) is older than the last displayed time met (95): an article not yet
    // met, displayed at 94, might have been first published then.
    expect(newestByFirstPublication([c(5, 100), c(1, 10, 95)], 2, false)).toBeNull();
    // A pick no newer than the last displayed time could tie with one not yet met.
    expect(newestByFirstPublication([c(5, 100), c(2, 70)], 2, false)).toBeNull();
  });

  it('answers what there is when the walk met every article', () => {
    expect(newestByFirstPublication([c(1, 10)], 20, true)).toEqual([1]);
    expect(newestByFirstPublication([], 20, true)).toEqual([]);
  });
});
