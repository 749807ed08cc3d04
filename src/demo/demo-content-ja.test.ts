import { describe, expect, it } from 'vitest';
import { bodyText } from '../domain/body-text.js';
import { isReservedPath } from '../domain/reserved-paths.js';
import { isSlug } from '../domain/slug.js';
import { DEMO_ARTICLES, DEMO_SECTIONS } from './demo-content.js';
import { DEMO_JA_ARTICLES, DEMO_JA_EDITION, DEMO_JA_SECTION_NAMES } from './demo-content-ja.js';

const KANA = /[\u3040-\u30ff]/;
const sources = new Map(DEMO_ARTICLES.map((a) => [a.key, a]));

describe('the demo’s Japanese edition', () => {
  it('translates at least six English articles, each once', () => {
    expect(DEMO_JA_ARTICLES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(DEMO_JA_ARTICLES.map((j) => j.of)).size).toBe(DEMO_JA_ARTICLES.length);
    for (const j of DEMO_JA_ARTICLES) expect(sources.has(j.of), j.of).toBe(true);
  });

  it('writes each in Japanese: headline, standfirst, every paragraph', () => {
    for (const j of DEMO_JA_ARTICLES) {
      expect(j.headline, j.of).toMatch(KANA);
      expect(j.standfirst, j.of).toMatch(KANA);
      for (const block of j.body) {
        if (block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote')
          expect(bodyText([block]), j.of).toMatch(KANA);
      }
    }
  });

  it('keeps its source’s shape: as many blocks of each kind', () => {
    for (const j of DEMO_JA_ARTICLES) {
      expect(j.body.map((b) => b.type)).toEqual(sources.get(j.of)!.body.map((b) => b.type));
    }
  });

  it('describes the illustration in Japanese exactly where the source has one', () => {
    for (const j of DEMO_JA_ARTICLES) {
      expect(j.photo !== undefined, j.of).toBe(sources.get(j.of)!.photo !== undefined);
      if (j.photo) expect(j.photo.alt + j.photo.caption).toMatch(KANA);
    }
  });

  it('goes live after its source (and its update) and before the demo is loaded', () => {
    for (const j of DEMO_JA_ARTICLES) {
      const source = sources.get(j.of)!;
      expect(j.hoursAfterSource).toBeGreaterThan(0);
      expect((source.updatedHoursAgo ?? source.hoursAgo) - j.hoursAfterSource, j.of).toBeGreaterThan(0);
    }
  });

  it('names sections that exist, each at a servable address of its own', () => {
    const paths = new Set(
      DEMO_SECTIONS.flatMap((s) => [s.slug, ...(s.subsections ?? []).map((sub) => `${s.slug}/${sub.slug}`)]),
    );
    const slugs = DEMO_JA_SECTION_NAMES.map((n) => n.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const n of DEMO_JA_SECTION_NAMES) {
      expect(paths.has(n.section), n.section).toBe(true);
      expect(isSlug(n.slug) && !isReservedPath(n.slug), n.slug).toBe(true);
      expect(n.name).toMatch(/[\u4e00-\u9fff\u30a0-\u30ff]/);
    }
    expect(DEMO_JA_SECTION_NAMES.filter((n) => paths.has(n.section)).length).toBeGreaterThanOrEqual(2);
    expect(slugs).not.toContain(DEMO_JA_EDITION.prefix.slice(1, -1));
  });

  it('puts every translation in a section the edition names in Japanese', () => {
    const named = new Set(DEMO_JA_SECTION_NAMES.map((n) => n.section));
    for (const j of DEMO_JA_ARTICLES) {
      const s = sources.get(j.of)!;
      expect(named.has(s.subsection ? `${s.section}/${s.subsection}` : s.section), j.of).toBe(true);
    }
  });
});
