import { describe, expect, it } from 'vitest';
import {
  decodeRenderMeta,
  encodeRenderMeta,
  relatedDueAt,
  RELATED_KEPT_MAX_MS,
  RELATED_KEPT_MIN_MS,
  type ArticleRenderMeta,
} from './article-render-meta.js';

const HOUR = 3_600_000;
const meta: ArticleRenderMeta = {
  editionId: 1,
  canonicalPath: '/politics/20261201-7/',
  sectionId: 3,
  boxSectionId: 2,
  tags: ['Diet', '国会'],
  firstPublishedAt: 1_000 * HOUR,
  related: [9, 4],
  relatedAt: 1_002 * HOUR,
  staleAt: null,
};

describe('relatedDueAt', () => {
  it('keeps a choice a twenty-fourth of the article’s age', () => {
    // Two hours old: chosen again five minutes later.
    expect(relatedDueAt(meta) - meta.relatedAt).toBe((2 * HOUR) / 24);
  });
  it('keeps a choice at least a minute, at most a day', () => {
    expect(relatedDueAt({ firstPublishedAt: 0, relatedAt: 0 })).toBe(RELATED_KEPT_MIN_MS);
    expect(relatedDueAt({ firstPublishedAt: 0, relatedAt: 400 * 24 * HOUR }) - 400 * 24 * HOUR).toBe(
      RELATED_KEPT_MAX_MS,
    );
  });
  it('reads a choice made before the article’s first publication as made at it', () => {
    expect(relatedDueAt({ firstPublishedAt: 10 * HOUR, relatedAt: 9 * HOUR })).toBe(9 * HOUR + RELATED_KEPT_MIN_MS);
  });
});

describe('decodeRenderMeta', () => {
  it('reads back what encodeRenderMeta wrote', () => {
    expect(decodeRenderMeta(encodeRenderMeta(meta))).toEqual(meta);
    expect(decodeRenderMeta(encodeRenderMeta({ ...meta, staleAt: 1_005 * HOUR }))?.staleAt).toBe(1_005 * HOUR);
  });
  it.each([
    ['not JSON', '{'],
    ['not an object', '7'],
    ['null', 'null'],
    ['a missing field', JSON.stringify({ ...meta, sectionId: undefined })],
    ['a path that is no path', JSON.stringify({ ...meta, canonicalPath: 'politics/' })],
    ['a related id that is no id', JSON.stringify({ ...meta, related: [1, -2] })],
    ['a tag that is no string', JSON.stringify({ ...meta, tags: [3] })],
    ['a stale time that is no time', JSON.stringify({ ...meta, staleAt: 'soon' })],
  ])('answers null for %s', (_what, text) => {
    expect(decodeRenderMeta(text)).toBeNull();
  });
});
