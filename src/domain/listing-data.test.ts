import { describe, expect, it } from 'vitest';
import type { Author } from './article.js';
import { authorPageJsonLd, authorPerson, tagPageJsonLd } from './listing-data.js';
import { DEFAULT_SETTINGS, type SiteSettings } from './settings.js';

const settings: SiteSettings = { ...DEFAULT_SETTINGS, baseUrl: 'https://news.example', publicationName: 'The Ledger' };

const author = (over: Partial<Author> = {}): Author => ({
  id: 3,
  slug: 'aiko-mori',
  name: 'Aiko Mori',
  bio: 'Covers the Diet.',
  jobTitle: 'Political Correspondent',
  photo: { mediaId: 9, hash: 'abc123', width: 1000, height: 1000 },
  links: { website: 'https://aiko.example/', bluesky: 'https://bsky.example/aiko' },
  ...over,
});

type Graph = { '@context': string; '@graph': Record<string, unknown>[] };

describe('authorPerson', () => {
  it('names the author with their page, title, photo, bio and links', () => {
    expect(authorPerson(settings, author())).toEqual({
      '@type': 'Person',
      '@id': 'https://news.example/author/aiko-mori/#person',
      name: 'Aiko Mori',
      url: 'https://news.example/author/aiko-mori/',
      jobTitle: 'Political Correspondent',
      // The largest kept width: the original's own 1,000 px, below the 1,200 px variant.
      image: 'https://news.example/media/9-abc123/w1000.jpg',
      description: 'Covers the Diet.',
      sameAs: ['https://aiko.example/', 'https://bsky.example/aiko'],
    });
  });

  it('leaves out what the profile does not have', () => {
    const bare = authorPerson(settings, author({ bio: '  ', jobTitle: '', photo: null, links: {} }));
    expect(Object.keys(bare).sort()).toEqual(['@id', '@type', 'name', 'url']);
  });
});

describe('authorPageJsonLd', () => {
  it('is a ProfilePage about the Person, with home › author as its trail', () => {
    const doc = authorPageJsonLd(settings, author(), 1) as Graph;
    expect(doc['@context']).toBe('https://schema.org');
    const [profile, trail] = doc['@graph'];
    expect(profile).toMatchObject({
      '@type': 'ProfilePage',
      url: 'https://news.example/author/aiko-mori/',
      mainEntity: { '@type': 'Person', name: 'Aiko Mori' },
    });
    expect(trail).toEqual({
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'The Ledger', item: 'https://news.example/' },
        { '@type': 'ListItem', position: 2, name: 'Aiko Mori', item: 'https://news.example/author/aiko-mori/' },
      ],
    });
  });

  it('gives a later page its own address but the same trail', () => {
    const [profile, trail] = (authorPageJsonLd(settings, author(), 3) as Graph)['@graph'];
    expect(profile!.url).toBe('https://news.example/author/aiko-mori/?page=3');
    expect((trail!.itemListElement as { item: string }[])[1]!.item).toBe('https://news.example/author/aiko-mori/');
  });
});

describe('tagPageJsonLd', () => {
  it('is a CollectionPage named after the tag, percent-encoding a slug in another script', () => {
    const [page, trail] = (tagPageJsonLd(settings, { slug: '한국', name: '한국', page: 1 }) as Graph)['@graph'];
    const url = 'https://news.example/tag/%ED%95%9C%EA%B5%AD/';
    expect(page).toMatchObject({ '@type': 'CollectionPage', url, name: '한국' });
    expect(trail!.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'The Ledger', item: 'https://news.example/' },
      { '@type': 'ListItem', position: 2, name: '한국', item: url },
    ]);
  });
});
