import { describe, expect, it } from 'vitest';
import { sameAsOf } from './article.js';
import { isHttpUrl, storedAuthorLinks } from './author-links.js';

describe('author links', () => {
  it('accepts only absolute http and https URLs', () => {
    expect(isHttpUrl('https://example.com/ana')).toBe(true);
    expect(isHttpUrl('http://example.com')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('data:text/html,hi')).toBe(false);
    expect(isHttpUrl('example.com/ana')).toBe(false);
    expect(isHttpUrl('')).toBe(false);
  });

  it('reads stored links in the fixed order and drops an unacceptable one alone', () => {
    const json = JSON.stringify({
      linkedin: 'https://linkedin.example/in/ana',
      x: 'javascript:alert(1)',
      website: 'https://ana.example',
      other: 'https://no.example',
    });
    expect(storedAuthorLinks(json)).toEqual({
      website: 'https://ana.example',
      linkedin: 'https://linkedin.example/in/ana',
    });
    expect(Object.keys(storedAuthorLinks(json))).toEqual(['website', 'linkedin']);
  });

  it('reads unreadable stored JSON as no links', () => {
    expect(storedAuthorLinks('not json')).toEqual({});
    expect(storedAuthorLinks('[1,2]')).toEqual({});
    expect(storedAuthorLinks('null')).toEqual({});
    expect(storedAuthorLinks('{"x": 5}')).toEqual({});
  });

  it('gives sameAs in the order website, x, bluesky, mastodon, linkedin', () => {
    const links = {
      mastodon: 'https://mastodon.example/@ana',
      website: 'https://ana.example',
      bluesky: 'https://bsky.app/profile/ana.example',
    };
    expect(sameAsOf({ links })).toEqual([
      'https://ana.example',
      'https://bsky.app/profile/ana.example',
      'https://mastodon.example/@ana',
    ]);
    expect(sameAsOf({ links: {} })).toEqual([]);
  });
});
