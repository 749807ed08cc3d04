import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillBox, rankArticles, type RankedArticleMeta } from './ranking.js';

const meta = (id: number, sectionId: number, publishedAt: number): RankedArticleMeta => ({
  id,
  sectionId,
  publishedAt,
});

describe('rankArticles', () => {
  it('orders by views, then by the more recent publication, then by id', () => {
    const metas = new Map([
      [1, meta(1, 1, 100)],
      [2, meta(2, 1, 200)],
      [3, meta(3, 2, 200)],
      [4, meta(4, 1, 50)],
    ]);
    const totals = new Map([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 9],
    ]);
    expect(rankArticles(totals, (id) => metas.get(id), null).map((e) => e.articleId)).toEqual([4, 3, 2, 1]);
  });

  it('keeps to a section and leaves out articles it does not know', () => {
    const metas = new Map([
      [1, meta(1, 1, 100)],
      [2, meta(2, 2, 100)],
    ]);
    const totals = new Map([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(rankArticles(totals, (id) => metas.get(id), 1)).toEqual([{ articleId: 1, views: 1 }]);
  });

  it('gives the same first places with a limit as a full ranking does', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            views: fc.integer({ min: 1, max: 6 }),
            section: fc.integer({ min: 1, max: 3 }),
            at: fc.integer({ min: 0, max: 5 }),
          }),
          { maxLength: 60 },
        ),
        fc.integer({ min: 1, max: 10 }),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        (rows, limit, section) => {
          const metas = new Map(rows.map((r, i) => [i + 1, meta(i + 1, r.section, r.at)]));
          const totals = new Map(rows.map((r, i) => [i + 1, r.views]));
          const full = rankArticles(totals, (id) => metas.get(id), section);
          expect(rankArticles(totals, (id) => metas.get(id), section, limit)).toEqual(full.slice(0, limit));
        },
      ),
    );
  });
});

describe('fillBox', () => {
  it('takes from each list in turn, skipping repeats and exclusions, until the box is full', () => {
    expect(
      fillBox(
        4,
        [
          [7, 3],
          [3, 9, 1],
          [2, 5],
        ],
        new Set([9]),
      ),
    ).toEqual([7, 3, 1, 2]);
  });

  it('returns fewer when the lists run out', () => {
    expect(fillBox(5, [[1], [], [2]])).toEqual([1, 2]);
  });
});
