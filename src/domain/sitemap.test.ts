import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import {
  articleFiles,
  escapeXml,
  monthBounds,
  newsLanguage,
  newsSitemapXml,
  parseSitemapName,
  robotsTxt,
  sitemapFileName,
  sitemapIndexXml,
  monthsSpanning,
  urlSetXml,
} from './sitemap.js';

describe('parseSitemapName', () => {
  it('reads the pages, news and month files, parts after the first numbered from 2', () => {
    expect(parseSitemapName('pages.xml')).toEqual({ kind: 'pages' });
    expect(parseSitemapName('news.xml')).toEqual({ kind: 'news' });
    expect(parseSitemapName('articles-2026-01.xml')).toEqual({
      kind: 'articles',
      month: { year: 2026, month: 1 },
      part: 1,
    });
    expect(parseSitemapName('articles-2026-12-3.xml')).toEqual({
      kind: 'articles',
      month: { year: 2026, month: 12 },
      part: 3,
    });
  });

  it.each([
    'articles-2026-13.xml',
    'articles-2026-00.xml',
    'articles-2026-1.xml',
    'articles-2026-01-1.xml',
    'articles-2026-01-02.xml',
    'articles-2026-01.XML',
    'articles-2026-01.xml.gz',
    'Pages.xml',
    '',
  ])('names no file with %j', (name) => {
    expect(parseSitemapName(name)).toBeNull();
  });

  it('gives every file back the one name it is read from', () => {
    for (const name of ['pages.xml', 'news.xml', 'articles-2026-01.xml', 'articles-1999-10-12.xml']) {
      expect(sitemapFileName(parseSitemapName(name)!)).toBe(name);
    }
  });
});

describe('months on the site’s calendar', () => {
  it('start at local midnight on the first, whatever the offset that day', () => {
    // New York: EST (−5) in January, EDT (−4) from 8 March 2026.
    expect(monthBounds({ year: 2026, month: 3 }, 'America/New_York')).toEqual({
      from: Date.parse('2026-03-01T05:00:00Z'),
      to: Date.parse('2026-04-01T04:00:00Z'),
    });
    expect(monthBounds({ year: 2026, month: 12 }, 'Asia/Tokyo')).toEqual({
      from: Date.parse('2026-11-30T15:00:00Z'),
      to: Date.parse('2026-12-31T15:00:00Z'),
    });
  });

  it('list every month between two instants on the site calendar, across a year end', () => {
    // 31 December 2025, 23:30 in Tokyo, to 1 February 2026, 00:30 in Tokyo.
    const months = monthsSpanning(Date.parse('2025-12-31T14:30:00Z'), Date.parse('2026-01-31T15:30:00Z'), 'Asia/Tokyo');
    expect(months).toEqual([
      { year: 2025, month: 12 },
      { year: 2026, month: 1 },
      { year: 2026, month: 2 },
    ]);
    expect(monthsSpanning(Date.parse('2026-03-05T00:00:00Z'), Date.parse('2026-03-06T00:00:00Z'), 'UTC')).toEqual([
      { year: 2026, month: 3 },
    ]);
  });

  it('split a month past the URL limit into numbered parts', () => {
    const month = { year: 2026, month: 1 };
    const files = articleFiles([{ month, count: 100_001, lastModified: 5 }], 50_000);
    expect(files.map((f) => sitemapFileName(f.name))).toEqual([
      'articles-2026-01.xml',
      'articles-2026-01-2.xml',
      'articles-2026-01-3.xml',
    ]);
    expect(articleFiles([{ month, count: 50_000, lastModified: 5 }], 50_000)).toHaveLength(1);
  });
});

describe('newsLanguage', () => {
  it.each([
    ['en', 'en'],
    ['en-GB', 'en'],
    ['ja', 'ja'],
    ['zh-Hans-CN', 'zh-cn'],
    ['zh-TW', 'zh-tw'],
    ['zh-Hant', 'zh-tw'],
    ['zh', 'zh-cn'],
  ])('writes %s as %s', (tag, language) => {
    expect(newsLanguage(tag)).toBe(language);
  });
});

describe('the XML', () => {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('Tom & Jerry <b>"1\'s"</b>\u0000\u0008\u001F\uFFFE')).toBe(
      'Tom &amp; Jerry &lt;b&gt;&quot;1&apos;s&quot;&lt;/b&gt;',
    );
    expect(escapeXml('tab\tline\nemoji 😀')).toBe('tab\tline\nemoji 😀');
  });

  it('stays well formed whatever a headline holds', () => {
    const xml = newsSitemapXml({ name: 'A & B <News>', language: 'en' }, [
      {
        loc: 'https://n.example/a/?x=1&y=2',
        title: 'Bell \u0007 </news:title> & more',
        publicationDate: '2026-01-21T13:01:00+09:00',
      },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const news = parser.parse(xml).urlset.url['news:news'];
    expect(news['news:title']).toBe('Bell  </news:title> & more');
    expect(news['news:publication']['news:name']).toBe('A & B <News>');
  });

  it('declares the image namespace only for a file with images', () => {
    expect(urlSetXml([{ loc: 'https://n.example/' }])).not.toContain('xmlns:image');
    const xml = urlSetXml([{ loc: 'https://n.example/a/', images: ['https://n.example/m/1.jpg'] }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"');
    expect(parser.parse(xml).urlset.url['image:image']['image:loc']).toBe('https://n.example/m/1.jpg');
  });

  it('writes hreflang alternates as xhtml:link, declaring the namespace only when some page has them', () => {
    expect(urlSetXml([{ loc: 'https://n.example/' }])).not.toContain('xmlns:xhtml');
    const alternates = [
      { hreflang: 'en', href: 'https://n.example/a/' },
      { hreflang: 'ja', href: 'https://n.example/ja/a/?x=1&y=2' },
      { hreflang: 'x-default', href: 'https://n.example/a/' },
    ];
    const xml = urlSetXml([{ loc: 'https://n.example/a/', alternates }, { loc: 'https://n.example/b/' }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(xml).toContain('href="https://n.example/ja/a/?x=1&amp;y=2"');
    const links = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).urlset.url[0][
      'xhtml:link'
    ] as Record<string, string>[];
    expect(links).toEqual(alternates.map((a) => ({ rel: 'alternate', ...a })));
  });

  it('writes an index of files, each dated when that is known', () => {
    const xml = sitemapIndexXml([
      { loc: 'https://n.example/sitemaps/pages.xml' },
      { loc: 'https://n.example/sitemaps/news.xml', lastmod: '2026-01-21T13:01:00+09:00' },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parser.parse(xml).sitemapindex.sitemap).toEqual([
      { loc: 'https://n.example/sitemaps/pages.xml' },
      { loc: 'https://n.example/sitemaps/news.xml', lastmod: '2026-01-21T13:01:00+09:00' },
    ]);
  });
});

describe('robotsTxt', () => {
  it('names both sitemaps in full and keeps crawlers out of the newsroom and the write APIs', () => {
    expect(robotsTxt('https://n.example').split('\n')).toEqual([
      'User-agent: *',
      'Disallow: /newsroom/',
      'Disallow: /api/views',
      'Allow: /',
      '',
      'Sitemap: https://n.example/sitemap.xml',
      'Sitemap: https://n.example/sitemaps/news.xml',
      '',
    ]);
  });
});
