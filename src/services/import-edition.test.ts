import { describe, expect, it } from 'vitest';
import type { ParsedPage } from '../domain/page-text.js';
import { sourceKeyOf } from './import-edition.js';
import type { SiteContext } from './site-context.js';

const page = (headline: string) => ({ headline }) as ParsedPage;
const edition = (language: string) => ({ edition: { language } }) as SiteContext;
const day = new Date('2026-01-21T04:01:00Z');

describe('sourceKeyOf', () => {
  it('tells two Japanese pages of a day apart, in the first edition as in another', () => {
    for (const isFirst of [true, false]) {
      const a = sourceKeyOf(page('G7サミット開幕'), day, edition('ja'), isFirst);
      const b = sourceKeyOf(page('G7サミット閉幕'), day, edition('ja'), isFirst);
      expect(a).not.toBe(b);
      expect(sourceKeyOf(page('G7サミット開幕'), day, edition('ja'), isFirst)).toBe(a);
    }
  });

  it('keeps the slug of a Latin headline, accents and typographic quotes included', () => {
    expect(sourceKeyOf(page('Night Market Returns'), day, edition('en'), true)).toBe(
      'page:night-market-returns:2026-01-21',
    );
    expect(sourceKeyOf(page('Night Market Returns'), day, edition('ja'), false)).toBe(
      'page:ja:night-market-returns:2026-01-21',
    );
    expect(sourceKeyOf(page('Café “reopens”'), day, edition('en'), true)).toMatch(/^page:caf[^:]*:2026-01-21$/);
  });
});
