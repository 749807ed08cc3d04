import { describe, expect, it } from 'vitest';
import { articlePath } from './article-path.js';
import { buildSectionTree } from './section.js';

const sections = buildSectionTree([
  { id: 1, slug: 'politics', name: 'Politics', position: 1, parentId: null },
  { id: 2, slug: 'defense-security', name: 'Defense & Security', position: 2, parentId: 1 },
]);
const site = { sections, settings: { timeZone: 'Asia/Tokyo' } };

describe('articlePath', () => {
  it('dates the path by the first publication in the site zone', () => {
    // 16:30 UTC on January 20 is already January 21 in Tokyo.
    expect(articlePath(site, sections.byId.get(1)!, new Date('2026-01-20T16:30:00Z'), 42)).toBe(
      '/politics/20260121-42/',
    );
  });

  it('puts a subsection under its parent', () => {
    expect(articlePath(site, sections.byId.get(2)!, new Date('2026-01-21T04:01:00Z'), 7)).toBe(
      '/politics/defense-security/20260121-7/',
    );
  });
});
