import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  moreInSectionIds,
  RELATED_MAX,
  RELATED_MIN,
  relatedIds,
  type RelatedCandidate,
  type RelatedTo,
} from './related.js';

const POLITICS = 1;
const DIPLOMACY = 2;
const ELECTIONS = 4;
const SPORTS = 3;

/** The article: id 100 in Diplomacy (a subsection of Politics, beside Elections), tagged budget and elections. */
const article: RelatedTo = {
  id: 100,
  tagSlugs: ['budget', 'elections'],
  sectionId: DIPLOMACY,
  familyIds: [POLITICS, DIPLOMACY, ELECTIONS],
};

const viaTag = (id: number, tag: string, sectionId: number, publishedAt: number): RelatedCandidate => ({
  id,
  sectionId,
  publishedAt,
  viaTag: tag,
});
const inSection = (id: number, publishedAt: number, sectionId = POLITICS): RelatedCandidate => ({
  id,
  sectionId,
  publishedAt,
  viaTag: null,
});

describe('relatedIds', () => {
  it('puts the stories sharing more tags first, whatever their age or section', () => {
    const candidates = [
      viaTag(1, 'budget', DIPLOMACY, 900),
      viaTag(2, 'budget', SPORTS, 100),
      viaTag(2, 'elections', SPORTS, 100),
    ];
    expect(relatedIds(article, candidates)).toEqual([2, 1]);
  });

  it('among stories sharing as many tags, puts the article’s own section first, then the rest of its family', () => {
    const candidates = [
      viaTag(1, 'budget', SPORTS, 900),
      viaTag(2, 'budget', POLITICS, 800),
      viaTag(3, 'elections', DIPLOMACY, 50),
      viaTag(4, 'budget', ELECTIONS, 850),
    ];
    expect(relatedIds(article, candidates)).toEqual([3, 4, 2, 1]);
  });

  it('orders equals newer first, and the higher id first at the same time', () => {
    const candidates = [
      viaTag(1, 'budget', SPORTS, 100),
      viaTag(2, 'budget', SPORTS, 300),
      viaTag(3, 'budget', SPORTS, 300),
    ];
    expect(relatedIds(article, candidates)).toEqual([3, 2, 1]);
  });

  it('tops up to four with the same section’s stories after those sharing a tag: its own section, then newer', () => {
    const candidates = [
      inSection(1, 900, POLITICS),
      inSection(2, 800, DIPLOMACY),
      inSection(3, 700, ELECTIONS),
      inSection(4, 600, DIPLOMACY),
      inSection(5, 950, POLITICS),
      viaTag(6, 'budget', SPORTS, 10),
    ];
    expect(relatedIds(article, candidates)).toEqual([6, 2, 4, 5]);
    expect(RELATED_MIN).toBe(4);
  });

  it('adds no section stories once four share a tag, and lists at most six that do', () => {
    const sharing = Array.from({ length: 20 }, (_, i) => viaTag(i + 1, 'budget', SPORTS, i));
    expect(relatedIds(article, [...sharing.slice(0, 4), inSection(50, 999, DIPLOMACY)])).toEqual([4, 3, 2, 1]);
    expect(relatedIds(article, sharing)).toEqual([20, 19, 18, 17, 16, 15]);
    expect(RELATED_MAX).toBe(6);
  });

  it('counts a story found through a tag and among the section’s newest once, with its shared tag', () => {
    const candidates = [inSection(1, 500), viaTag(1, 'budget', POLITICS, 500), viaTag(2, 'budget', POLITICS, 600)];
    expect(relatedIds(article, candidates)).toEqual([2, 1]);
  });

  it('counts a tag once however many times the story was found through it', () => {
    const candidates = [
      viaTag(1, 'budget', SPORTS, 100),
      viaTag(1, 'budget', SPORTS, 100),
      viaTag(2, 'budget', SPORTS, 200),
      viaTag(2, 'elections', SPORTS, 200),
    ];
    expect(relatedIds(article, candidates)).toEqual([2, 1]);
  });

  it('never lists the article itself', () => {
    const candidates = [viaTag(100, 'budget', POLITICS, 999), inSection(100, 999), viaTag(1, 'budget', SPORTS, 1)];
    expect(relatedIds(article, candidates)).toEqual([1]);
  });

  it('leaves out a story that shares neither a tag the article carries nor its section', () => {
    const candidates = [viaTag(1, 'weather', SPORTS, 999), inSection(2, 999, SPORTS), viaTag(3, 'budget', SPORTS, 1)];
    expect(relatedIds(article, candidates)).toEqual([3]);
  });

  it('is empty for an article with no candidates', () => {
    expect(relatedIds(article, [])).toEqual([]);
  });

  it('answers distinct candidates, never the article, most shared tags first, section stories only to four', () => {
    const candidate = fc.record({
      id: fc.integer({ min: 95, max: 110 }),
      sectionId: fc.constantFrom(POLITICS, DIPLOMACY, ELECTIONS, SPORTS),
      publishedAt: fc.integer({ min: 0, max: 1000 }),
      viaTag: fc.constantFrom(null, 'budget', 'elections', 'weather'),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 40 }), (found) => {
        // A story has one section and one publication time, whichever way it was found.
        const first = new Map(found.map((c) => [c.id, c] as const).reverse());
        const candidates = found.map((c) => ({ ...c, ...pick(first.get(c.id)!) }));
        const ids = relatedIds(article, candidates);
        const shared = (id: number) =>
          new Set(
            candidates.filter((c) => c.id === id && article.tagSlugs.includes(c.viaTag ?? '')).map((c) => c.viaTag),
          ).size;
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).not.toContain(article.id);
        expect(ids.every((id) => candidates.some((c) => c.id === id))).toBe(true);
        expect(ids.length).toBeLessThanOrEqual(RELATED_MAX);
        for (let i = 1; i < ids.length; i++) expect(shared(ids[i - 1]!)).toBeGreaterThanOrEqual(shared(ids[i]!));
        if (ids.some((id) => shared(id) === 0)) expect(ids.length).toBeLessThanOrEqual(RELATED_MIN);
      }),
    );
  });
});

const pick = (c: RelatedCandidate) => ({ sectionId: c.sectionId, publishedAt: c.publishedAt });

describe('moreInSectionIds', () => {
  it('lists the section’s newest others, leaving out the article and what Related shows', () => {
    expect(moreInSectionIds(100, [9, 100, 8, 7, 6, 5, 4, 3], [8, 6])).toEqual([9, 7, 5, 4, 3]);
  });

  it('is shorter when the section has fewer other stories', () => {
    expect(moreInSectionIds(100, [100, 2, 1], [2])).toEqual([1]);
  });
});
