import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isTagSlug, tagSlug } from './tag.js';

describe('tagSlug', () => {
  it('joins lower-case words with dashes', () => {
    expect(tagSlug('Self-Defense Forces')).toBe('self-defense-forces');
  });

  it('gives every spelling of one tag the same slug', () => {
    const spellings = ['Climate change', 'climate-change', '  Climate   Change ', 'CLIMATE_CHANGE', 'climate, change'];
    expect(new Set(spellings.map(tagSlug))).toEqual(new Set(['climate-change']));
  });

  it('drops Latin accents and apostrophes', () => {
    expect(tagSlug('Côte d’Ivoire')).toBe('cote-divoire');
    expect(tagSlug('Café')).toBe(tagSlug('cafe'));
  });

  it('keeps letters of other scripts whole', () => {
    expect(tagSlug('한국 경제')).toBe('한국-경제');
    expect(tagSlug('東京')).toBe('東京');
    expect(tagSlug('हिन्दी')).toBe('हिन्दी');
  });

  it('gives a tag of symbols alone an address made from its characters', () => {
    expect(tagSlug('#')).toBe('tag-23');
    expect(tagSlug('++')).toBe('tag-2b-2b');
    expect(tagSlug('#')).not.toBe(tagSlug('++'));
  });

  it('cuts long tags at a word boundary, counting characters', () => {
    const slug = tagSlug('word '.repeat(40));
    expect([...slug].length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect([...tagSlug('가'.repeat(100))].length).toBe(80);
  });

  it('is stable: the slug of a slug is itself', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => tagSlug(tagSlug(s)) === tagSlug(s)));
  });

  it('always answers a slug that isTagSlug accepts', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => isTagSlug(tagSlug(s))));
    fc.assert(fc.property(fc.string(), (s) => isTagSlug(tagSlug(s))));
  });
});

describe('isTagSlug', () => {
  it('refuses what no tag could give', () => {
    for (const bad of ['', 'Climate', 'a--b', '-a', 'a-', 'a/b', 'a b', '..', 'x'.repeat(81)]) {
      expect(isTagSlug(bad), bad).toBe(false);
    }
  });
});
