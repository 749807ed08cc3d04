import { describe, expect, it } from 'vitest';
import { isReservedPath, RESERVED_PATHS } from './reserved-paths.js';
import { slugify } from './slug.js';

describe('isReservedPath', () => {
  it.each(['newsroom', 'media', 'static', 'api', 'ranking', 'corrections', 'robots.txt'])(
    'keeps %s, a path the server answers today',
    (segment) => {
      expect(isReservedPath(segment)).toBe(true);
    },
  );

  it.each(['search', 'feed', 'tag', 'author', 'sitemaps'])('keeps %s, a path planned for the site', (segment) => {
    expect(isReservedPath(segment)).toBe(true);
  });

  it('keeps a word whatever its case, as a section name typed by hand would have it', () => {
    expect(isReservedPath('Newsroom')).toBe(true);
    expect(isReservedPath(' SEARCH ')).toBe(true);
  });

  it('leaves ordinary section words and words that only contain a kept one free', () => {
    for (const free of ['politics', 'world', 'media-watch', 'newsroom-diary', 'apis', 'tagalog', 'authority']) {
      expect(isReservedPath(free)).toBe(false);
    }
  });

  it('holds only lower-case entries, so the lookup above can lower-case its input', () => {
    for (const segment of RESERVED_PATHS) expect(segment).toBe(segment.toLowerCase());
  });

  it('catches the slug a section name would get', () => {
    expect(isReservedPath(slugify('Feed'))).toBe(true);
    expect(isReservedPath(slugify('Author '))).toBe(true);
  });
});
