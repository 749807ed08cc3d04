import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings.js';
import { ogLocale, socialMeta, type CardInput } from './social-meta.js';

const settings = { ...DEFAULT_SETTINGS, baseUrl: 'https://news.example', publicationName: 'The Ledger' };
const card = (over: Partial<CardInput> = {}): CardInput => ({
  settings,
  title: 'Talks resume',
  description: 'Both sides met again.',
  url: 'https://news.example/politics/20260121-7/',
  image: { url: 'https://news.example/media/4-0123456789abcdef/og.jpg', width: 1200, height: 630, alt: 'Two envoys' },
  ...over,
});
const pairs = (input: CardInput) => socialMeta(input).map((m) => [m.attr, m.key, m.content] as const);

describe('socialMeta', () => {
  it('describes an article: Open Graph with its times in the site offset, then a large Twitter card', () => {
    const article = {
      publishedAt: new Date('2026-01-21T04:01:00Z'),
      modifiedAt: new Date('2026-01-21T09:45:00Z'),
      section: 'Politics',
      tags: ['Diplomacy', 'Korea'],
      authorUrls: ['https://news.example/author/aiko-mori/'],
    };
    expect(pairs(card({ article }))).toEqual([
      ['property', 'og:type', 'article'],
      ['property', 'og:title', 'Talks resume'],
      ['property', 'og:description', 'Both sides met again.'],
      ['property', 'og:url', 'https://news.example/politics/20260121-7/'],
      ['property', 'og:site_name', 'The Ledger'],
      ['property', 'og:locale', 'en'],
      ['property', 'og:image', 'https://news.example/media/4-0123456789abcdef/og.jpg'],
      ['property', 'og:image:width', '1200'],
      ['property', 'og:image:height', '630'],
      ['property', 'og:image:alt', 'Two envoys'],
      ['property', 'article:published_time', '2026-01-21T13:01:00+09:00'],
      ['property', 'article:modified_time', '2026-01-21T18:45:00+09:00'],
      ['property', 'article:section', 'Politics'],
      ['property', 'article:tag', 'Diplomacy'],
      ['property', 'article:tag', 'Korea'],
      ['property', 'article:author', 'https://news.example/author/aiko-mori/'],
      ['name', 'twitter:card', 'summary_large_image'],
      ['name', 'twitter:title', 'Talks resume'],
      ['name', 'twitter:description', 'Both sides met again.'],
      ['name', 'twitter:image', 'https://news.example/media/4-0123456789abcdef/og.jpg'],
      ['name', 'twitter:image:alt', 'Two envoys'],
    ]);
  });

  it("shows the publication's icon in a small card when the page has no photo", () => {
    const tags = pairs(card({ image: null }));
    expect(tags).toContainEqual(['property', 'og:type', 'website']);
    expect(tags).toContainEqual(['property', 'og:image', 'https://news.example/icon-512.png']);
    expect(tags).toContainEqual(['name', 'twitter:card', 'summary']);
  });

  it('leaves the descriptions out rather than writing them empty', () => {
    expect(pairs(card({ description: '' })).some(([, key]) => key.endsWith(':description'))).toBe(false);
  });

  it("names the site's X account when one is set", () => {
    expect(pairs(card({ settings: { ...settings, twitterHandle: '@ledger' } }))).toContainEqual([
      'name',
      'twitter:site',
      '@ledger',
    ]);
    expect(pairs(card()).some(([, key]) => key === 'twitter:site')).toBe(false);
  });
});

describe('ogLocale', () => {
  it('writes language_TERRITORY, keeping a bare language', () => {
    expect(ogLocale('en-GB')).toBe('en_GB');
    expect(ogLocale('ja')).toBe('ja');
    expect(ogLocale('zh-Hant')).toBe('zh');
  });
});
