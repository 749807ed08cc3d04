import { describe, expect, it } from 'vitest';
import { keyOfTarget, redirectKey, redirectTarget, requestKeys, sameAddress, searchNeedle } from './redirects-path.js';

const keyOf = (raw: string) => {
  const key = redirectKey(raw);
  if (!key.ok) throw new Error(key.message);
  return key.path;
};

describe('the key of an old address', () => {
  it('writes percent escapes one way: upper-case hex, unreserved characters decoded, raw text escaped', () => {
    expect(keyOf('/2019/%ce%b1%ce%b2/')).toBe('/2019/%CE%B1%CE%B2');
    expect(keyOf('/2019/αβ/')).toBe('/2019/%CE%B1%CE%B2');
    expect(keyOf('/%7Euser/%61bout')).toBe('/~user/about');
    expect(keyOf('/東京/ニュース')).toBe(`/${encodeURIComponent('東京')}/${encodeURIComponent('ニュース')}`);
    expect(keyOf('/with space')).toBe('/with%20space');
    // An escaped slash stays escaped: it is not a segment boundary.
    expect(keyOf('/a%2fb')).toBe('/a%2Fb');
    // A stray % is the character itself.
    expect(keyOf('/100%')).toBe('/100%25');
  });

  it('keeps case and drops a trailing slash, but not the root’s', () => {
    expect(keyOf('/About/')).toBe('/About');
    expect(keyOf('/about//')).toBe('/about');
    expect(keyOf('/?p=1')).toBe('/?p=1');
  });

  it('sorts the query and drops tracking and empty parameters', () => {
    expect(keyOf('/?page_id=7&lang=en')).toBe('/?lang=en&page_id=7');
    expect(keyOf('/index.php?p=5&utm_source=news&&fbclid=x')).toBe('/index.php?p=5');
    expect(keyOf('/old/?utm_campaign=a')).toBe('/old');
  });

  it('refuses what is no path of this site', () => {
    for (const raw of [
      '',
      'old',
      'https://example.com/old',
      '//example.com/old',
      '/a/./b',
      '/a/..',
      '/a\\b',
      '/',
      '/#x',
      '/a#b',
    ])
      expect(redirectKey(raw).ok, raw).toBe(false);
    expect(redirectKey(`/${'a'.repeat(2000)}`).ok).toBe(false);
  });
});

describe('a target', () => {
  it('keeps its slash, query and fragment, escapes normalised', () => {
    const target = redirectTarget('/politics/αβ/?ref=old#top');
    expect(target).toEqual({ ok: true, path: '/politics/%CE%B1%CE%B2/?ref=old#top' });
    expect(keyOfTarget('/politics/story/#top')).toBe('/politics/story');
  });

  it('is the same address as an old one that differs only by slash or escapes', () => {
    expect(sameAddress('/news/story/', '/news/story')).toBe(true);
    expect(sameAddress('/news/%ce%b1', '/news/α/')).toBe(true);
    expect(sameAddress('/news/story', '/news/Story')).toBe(false);
  });
});

describe('the keys of a request', () => {
  it('tries the address with its query, then without', () => {
    expect(requestKeys('/Old/?p=3&utm_source=x')).toEqual({ withQuery: '/Old?p=3', path: '/Old' });
    expect(requestKeys('/old/?utm_source=x')).toEqual({ withQuery: null, path: '/old' });
    // The home page itself is never an old address; with a query it may be.
    expect(requestKeys('/?p=3')).toEqual({ withQuery: '/?p=3', path: null });
    expect(requestKeys('//evil.example')).toEqual({ withQuery: null, path: null });
  });
});

describe('a newsroom search', () => {
  it('is spelled as stored addresses are, lower-cased', () => {
    expect(searchNeedle(' Αθ ')).toBe('%ce%91%ce%b8');
    expect(searchNeedle('Story')).toBe('story');
  });
});
