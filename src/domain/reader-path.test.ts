import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePageNumber, parseReaderPath } from './reader-path.js';

describe('parseReaderPath', () => {
  it('reads the home page', () => {
    expect(parseReaderPath('/')).toEqual({ kind: 'home' });
  });

  it('reads an article URL in the reference style', () => {
    expect(parseReaderPath('/politics/20260121-305063/')).toEqual({
      kind: 'article',
      id: 305063,
      date: '20260121',
      slugs: ['politics'],
      trailingSlash: true,
    });
  });

  it('reads an article URL with a subsection segment', () => {
    expect(parseReaderPath('/politics/defense-security/20260121-7/')).toMatchObject({
      kind: 'article',
      id: 7,
      slugs: ['politics', 'defense-security'],
    });
  });

  it('notices a missing trailing slash so the handler can redirect', () => {
    expect(parseReaderPath('/politics/20260121-7')).toMatchObject({ kind: 'article', trailingSlash: false });
    expect(parseReaderPath('/politics')).toMatchObject({ kind: 'section', trailingSlash: false });
  });

  it('reads section and subsection fronts', () => {
    expect(parseReaderPath('/sports/')).toEqual({ kind: 'section', slugs: ['sports'], trailingSlash: true });
    expect(parseReaderPath('/politics/diplomacy/')).toMatchObject({
      kind: 'section',
      slugs: ['politics', 'diplomacy'],
    });
  });

  it('refuses paths no page can have', () => {
    for (const bad of ['/a/b/c/', '/Politics/', '/x//y/', '/../etc/passwd', '/%00/', '/a/b/c/20260121-5/']) {
      expect(parseReaderPath(bad), bad).toEqual({ kind: 'none' });
    }
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        parseReaderPath(`/${s}`);
      }),
    );
  });
});

describe('parsePageNumber', () => {
  it('defaults to the first page', () => expect(parsePageNumber(undefined)).toBe(1));
  it('accepts a positive integer', () => expect(parsePageNumber('12')).toBe(12));
  it('refuses zero, negatives, decimals, words and repeated parameters', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '', '1e3', ['1', '2'], '9999999']) {
      expect(parsePageNumber(bad), String(bad)).toBe('invalid');
    }
  });
});
