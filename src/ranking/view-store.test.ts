import { describe, expect, it } from 'vitest';
import type { ViewCandidate } from './view-candidate.js';
import { countCandidates, packCounts, unpackCounts } from './view-store.js';

const candidate = (second: number, articleId: number): ViewCandidate => ({
  articleId,
  second,
  visitorKey: 1,
  pairKey: 1,
  addressKey: 1,
  addressArticleKey: 1,
});

/** The sums written out plainly: a count per "second:article", in that order. */
const plainly = (candidates: ViewCandidate[]) => {
  const sums = new Map<string, number>();
  for (const c of candidates) sums.set(`${c.second}:${c.articleId}`, (sums.get(`${c.second}:${c.articleId}`) ?? 0) + 1);
  return [...sums]
    .map(([key, count]) => {
      const [second, articleId] = key.split(':').map(Number) as [number, number];
      return { second, articleId, count };
    })
    .sort((a, b) => a.second - b.second || a.articleId - b.articleId);
};

describe('countCandidates', () => {
  it('sums views per second and article, ordered by second then article', () => {
    expect(countCandidates([])).toEqual([]);
    const batch = [candidate(101, 7), candidate(100, 2 ** 32 - 1), candidate(101, 7), candidate(100, 3)];
    expect(countCandidates(batch)).toEqual([
      { second: 100, articleId: 3, count: 1 },
      { second: 100, articleId: 2 ** 32 - 1, count: 1 },
      { second: 101, articleId: 7, count: 2 },
    ]);
  });

  it('agrees with the plain sums on seeded batches, a span of weeks included', () => {
    let state = 12345;
    const next = (n: number) => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state % n;
    };
    for (const span of [1, 60, 3600, 40 * 86_400]) {
      const batch = Array.from({ length: 5000 }, () => candidate(1_800_000_000 + next(span), 1 + next(3000)));
      expect(countCandidates(batch)).toEqual(plainly(batch));
    }
  });

  it('packs and unpacks what it counted unchanged', () => {
    const counts = countCandidates([candidate(1_800_000_000, 9), candidate(1_800_000_001, 2 ** 32 - 1)]);
    expect(unpackCounts(packCounts(counts))).toEqual(counts);
  });
});
