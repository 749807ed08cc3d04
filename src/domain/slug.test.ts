import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSlug, slugify } from './slug.js';

describe('slugify', () => {
  it('turns a headline into lower-case words joined by dashes', () => {
    expect(slugify('Japan, South Korea Mull Talks; Ties Mend')).toBe('japan-south-korea-mull-talks-ties-mend');
  });

  it('drops apostrophes and accents', () => {
    expect(slugify('Nation’s Café Owners Can’t Wait')).toBe('nations-cafe-owners-cant-wait');
  });

  it('cuts long headlines at a word boundary', () => {
    const slug = slugify('word '.repeat(40), 30);
    expect(slug.length).toBeLessThanOrEqual(30);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('never returns an empty slug', () => {
    expect(slugify('!!!')).toBe('article');
  });

  it('always returns a valid slug', () => {
    fc.assert(fc.property(fc.string(), (s) => isSlug(slugify(s))));
  });
});
