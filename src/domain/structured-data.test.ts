import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SiteSettings } from './settings.js';
import {
  articlePageJsonLd,
  breadcrumbList,
  collectionPageJsonLd,
  homePageJsonLd,
  newsArticle,
  publisherLogo,
  type ArticleLdInput,
} from './structured-data.js';

const settings: SiteSettings = { ...DEFAULT_SETTINGS, baseUrl: 'https://news.example', publicationName: 'The Ledger' };
const section = { id: 1, slug: 'politics', name: 'Politics', position: 1, parentId: null };
// 13:01 JST on January 21, 2026 is 04:01 UTC.
const published = new Date('2026-01-21T04:01:00Z');

const input = (over: Partial<ArticleLdInput> = {}): ArticleLdInput => ({
  settings,
  article: {
    headline: 'Talks resume',
    section,
    tags: ['Diplomacy'],
    mainPhoto: null,
    publishedAt: published,
    updatedAt: null,
  },
  authors: [{ name: 'Aiko Mori', slug: 'aiko-mori' }],
  url: 'https://news.example/politics/20260121-7/',
  description: 'Both sides met again.',
  corrections: [],
  ...over,
});

describe('breadcrumbList', () => {
  it('numbers the crumbs from 1 and keeps their order', () => {
    expect(
      breadcrumbList([
        { name: 'The Ledger', url: 'https://news.example/' },
        { name: 'Politics', url: 'https://news.example/politics/' },
      ]),
    ).toEqual({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'The Ledger', item: 'https://news.example/' },
        { '@type': 'ListItem', position: 2, name: 'Politics', item: 'https://news.example/politics/' },
      ],
    });
  });
});

describe('newsArticle', () => {
  it('writes both dates as local time with the site offset', () => {
    const updated = new Date('2026-01-22T00:30:00Z');
    const node = newsArticle(input({ article: { ...input().article, updatedAt: updated } }));
    expect(node.datePublished).toBe('2026-01-21T13:01:00+09:00');
    expect(node.dateModified).toBe('2026-01-22T09:30:00+09:00');
  });

  it('gives dateModified the publication time when no significant update was made', () => {
    expect(newsArticle(input()).dateModified).toBe('2026-01-21T13:01:00+09:00');
  });

  it('names every author as a Person linking to their page, with job title and profiles when known', () => {
    const node = newsArticle(
      input({
        authors: [
          { name: 'Aiko Mori', slug: 'aiko-mori', jobTitle: 'Seoul Correspondent', sameAs: ['https://x.com/aiko'] },
          { name: 'Ben Ito', slug: 'ben-ito', jobTitle: null, sameAs: [] },
        ],
      }),
    );
    expect(node.author).toEqual([
      {
        '@type': 'Person',
        name: 'Aiko Mori',
        url: 'https://news.example/author/aiko-mori/',
        jobTitle: 'Seoul Correspondent',
        sameAs: ['https://x.com/aiko'],
      },
      { '@type': 'Person', name: 'Ben Ito', url: 'https://news.example/author/ben-ito/' },
    ]);
  });

  it('lists the three crops of the main photo at 1,200 px wide when the original allows', () => {
    const mainPhoto = {
      mediaId: 4,
      hash: '0123456789abcdef',
      width: 3000,
      height: 2000,
      caption: '',
      credit: null,
      alt: '',
    };
    const node = newsArticle(input({ article: { ...input().article, mainPhoto } }));
    expect(node.image).toEqual([
      {
        '@type': 'ImageObject',
        url: 'https://news.example/media/4-0123456789abcdef/c16x9.jpg',
        width: 1200,
        height: 675,
      },
      {
        '@type': 'ImageObject',
        url: 'https://news.example/media/4-0123456789abcdef/c4x3.jpg',
        width: 1200,
        height: 900,
      },
      {
        '@type': 'ImageObject',
        url: 'https://news.example/media/4-0123456789abcdef/c1x1.jpg',
        width: 1200,
        height: 1200,
      },
    ]);
  });

  it('keeps a narrow original at its own width', () => {
    const mainPhoto = {
      mediaId: 4,
      hash: '0123456789abcdef',
      width: 800,
      height: 600,
      caption: '',
      credit: null,
      alt: '',
    };
    const node = newsArticle(input({ article: { ...input().article, mainPhoto } }));
    expect((node.image as { width: number; height: number }[]).map((i) => [i.width, i.height])).toEqual([
      [800, 450],
      [800, 600],
      [800, 800],
    ]);
  });

  it('writes each published notice as a CorrectionComment with its local date', () => {
    const node = newsArticle(
      input({
        corrections: [{ text: 'An earlier version misspelt a name.', createdAt: new Date('2026-01-21T06:00:00Z') }],
      }),
    );
    expect(node.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'An earlier version misspelt a name.',
        datePublished: '2026-01-21T15:00:00+09:00',
      },
    ]);
  });

  it('names the publisher with its logo, drawn from the initials when none was uploaded', () => {
    expect(newsArticle(input()).publisher).toEqual({
      '@type': 'NewsMediaOrganization',
      '@id': 'https://news.example/#organization',
      name: 'The Ledger',
      url: 'https://news.example/',
      logo: { '@type': 'ImageObject', url: 'https://news.example/icon-512.png', width: 512, height: 512 },
    });
  });

  it('carries the page, section, keywords, language and free access', () => {
    expect(newsArticle(input())).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Talks resume',
      description: 'Both sides met again.',
      mainEntityOfPage: 'https://news.example/politics/20260121-7/',
      articleSection: 'Politics',
      keywords: ['Diplomacy'],
      inLanguage: 'en',
      isAccessibleForFree: true,
    });
  });

  it('points a translation at its source and a source at its translations, by canonical URL (issue 13)', () => {
    const source = 'https://news.example/politics/20260121-7/';
    const ja = 'https://news.example/ja/seiji/20260121-9/';
    const translation = newsArticle(
      input({ settings: { ...settings, language: 'ja' }, url: ja, translationOf: source }),
    );
    expect(translation).toMatchObject({
      '@id': ja,
      inLanguage: 'ja',
      translationOfWork: { '@type': 'NewsArticle', '@id': source, url: source },
    });
    expect(translation).not.toHaveProperty('workTranslation');
    const original = newsArticle(input({ translations: [ja] }));
    expect(original).toMatchObject({
      '@id': source,
      workTranslation: [{ '@type': 'NewsArticle', '@id': ja, url: ja }],
    });
    expect(original).not.toHaveProperty('translationOfWork');
  });

  it('adds no @id or translation properties to an article without translations', () => {
    const node = newsArticle(input({ translations: [] }));
    expect(Object.keys(node).filter((k) => ['@id', 'translationOfWork', 'workTranslation'].includes(k))).toEqual([]);
  });
});

describe('publisherLogo', () => {
  it('uses the largest kept JPEG of an uploaded logo', () => {
    const logo = { mediaId: 9, hash: 'fedcba9876543210', width: 600, height: 150 };
    expect(publisherLogo({ ...settings, logo })).toEqual({
      url: 'https://news.example/media/9-fedcba9876543210/w600.jpg',
      width: 600,
      height: 150,
    });
  });
});

describe('page graphs', () => {
  it('puts the article and its trail in one graph', () => {
    const trail = [{ name: 'The Ledger', url: 'https://news.example/' }];
    const graph = articlePageJsonLd(input(), trail);
    expect(graph['@context']).toBe('https://schema.org');
    expect((graph['@graph'] as { '@type': string }[]).map((n) => n['@type'])).toEqual([
      'NewsArticle',
      'BreadcrumbList',
    ]);
  });

  it('describes the home page as a WebSite published by the organisation, with its profiles', () => {
    const graph = homePageJsonLd({ ...settings, sameAs: ['https://x.com/ledger'] });
    const [site, org] = graph['@graph'] as Record<string, unknown>[];
    expect(site).toMatchObject({ '@type': 'WebSite', url: 'https://news.example/', publisher: { '@id': org!['@id'] } });
    expect(org).toMatchObject({ '@type': 'NewsMediaOrganization', sameAs: ['https://x.com/ledger'] });
  });

  it("lets a search engine send a query to the site's search page", () => {
    const [site] = homePageJsonLd(settings)['@graph'] as Record<string, unknown>[];
    expect(site!.potentialAction).toEqual({
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: 'https://news.example/search?q={search_term_string}' },
      'query-input': 'required name=search_term_string',
    });
  });

  it("sends an edition's searches to the edition's search page", () => {
    const [site] = homePageJsonLd(settings, '/ja/search')['@graph'] as Record<string, unknown>[];
    expect(site!.potentialAction).toMatchObject({
      target: { urlTemplate: 'https://news.example/ja/search?q={search_term_string}' },
    });
  });

  it('describes a section front as a CollectionPage with its trail', () => {
    const graph = collectionPageJsonLd(
      settings,
      { name: 'Politics', url: 'https://news.example/politics/', description: 'Politics news' },
      [{ name: 'The Ledger', url: 'https://news.example/' }],
    );
    expect((graph['@graph'] as { '@type': string }[]).map((n) => n['@type'])).toEqual([
      'CollectionPage',
      'BreadcrumbList',
    ]);
  });
});
