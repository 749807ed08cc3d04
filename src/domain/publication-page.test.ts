import { describe, expect, it } from 'vitest';
import { paragraph } from './body.js';
import {
  pageSlugProblem,
  pageSnapshot,
  publicationPagePath,
  readPageSnapshot,
  type PageInput,
} from './publication-page.js';

const ABOUT: PageInput = {
  slug: 'about',
  title: 'About us',
  body: [paragraph('A small paper.')],
  photo: { mediaId: 4, caption: 'The office', credit: null, alt: 'A brick building' },
  status: 'published',
};

describe('a page slug', () => {
  it.each(['about', 'corrections-policy', 'terms-2026'])('accepts %s', (slug) => {
    expect(pageSlugProblem(slug)).toBeNull();
  });

  it('asks for one when empty', () => {
    expect(pageSlugProblem('')).toBe('Give the page an address: lower-case letters, digits and dashes.');
  });

  it.each(['About', 'about us', 'about/', '-about', 'a'.repeat(81)])('refuses the form of %s', (slug) => {
    expect(pageSlugProblem(slug)).toBe('Use lower-case letters, digits and dashes, at most 80 characters.');
  });

  it.each(['newsroom', 'feed', 'corrections', 'author', 'tag', 'sitemap'])(
    'refuses %s, a word the site keeps',
    (slug) => {
      expect(pageSlugProblem(slug)).toBe(`The site keeps /${slug}/ for itself; choose another address.`);
    },
  );

  it('makes a one-segment address with its slash', () => {
    expect(publicationPagePath('about')).toBe('/about/');
  });
});

describe('a page revision’s stored copy', () => {
  it('reads back what was stored', () => {
    expect(readPageSnapshot(pageSnapshot(ABOUT))).toEqual({ ok: true, input: ABOUT });
  });

  it('says why a copy is not JSON, or no longer validates, instead of throwing', () => {
    expect(readPageSnapshot('{')).toEqual({ ok: false, problem: 'its stored copy is not JSON' });
    expect(readPageSnapshot(JSON.stringify({ ...ABOUT, status: 'scheduled' }))).toEqual({
      ok: false,
      problem: 'its stored copy does not validate',
    });
  });
});
