import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { curationCandidates } from '../../src/services/curation.js';
import { saveArticle } from '../../src/services/save-article.js';
import { loadSiteContext, type SiteContext } from '../../src/services/site-context.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`curation candidates on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let ctx: SiteContext;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      ctx = await loadSiteContext(storage.db);
    });
    afterEach(async () => {
      await storage.destroy();
    });

    it('offers the home page every published article, the current top stories first in their order', async () => {
      const candidates = await curationCandidates(storage.db, ctx, null, FIXTURE_NOW);
      expect(candidates.slice(0, 2).map((c) => [c.id, c.position])).toEqual([
        [ids.reference, 1],
        [ids.business[2], 2],
      ]);
      expect(candidates.slice(2).every((c) => c.position === null)).toBe(true);
      // Seven politics stories, the reference, the updated one and three business stories; not tomorrow's.
      expect(candidates).toHaveLength(12);
      expect(candidates.map((c) => c.headline)).not.toContain('Tomorrow story');
    });

    it('lists the unplaced ones newest first, with their publish times as dates', async () => {
      const rest = (await curationCandidates(storage.db, ctx, null, FIXTURE_NOW)).slice(2);
      const times = rest.map((c) => c.publishedAt!.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(rest.find((c) => c.id === ids.updated)?.publishedAt).toEqual(new Date('2026-01-21T00:30:00Z'));
    });

    it("offers a section its own articles and its subsections', its pins first", async () => {
      const candidates = await curationCandidates(storage.db, ctx, ids.sections.politics, FIXTURE_NOW);
      expect(candidates[0]).toMatchObject({ id: ids.pinned, position: 1 });
      expect(candidates.map((c) => c.id).sort((a, b) => a - b)).toEqual(
        [...ids.politics, ids.reference, ids.updated].sort((a, b) => a - b),
      );
    });

    it('keeps placed articles that are older than the latest forty', async () => {
      for (let i = 1; i <= 40; i++) {
        await saveArticle(
          storage.db,
          null,
          {
            slug: `sports-${i}`,
            headline: `Sports story ${i}`,
            standfirst: null,
            body: [paragraph('Score.')],
            sectionId: ids.sections.sports,
            authorIds: [],
            tags: [],
            photo: null,
            status: 'published',
            publishedAt: new Date(FIXTURE_NOW.getTime() - i * 60_000),
            updatedAt: null,
          },
          FIXTURE_NOW,
        );
      }
      const home = await curationCandidates(storage.db, ctx, null, FIXTURE_NOW);
      expect(home).toHaveLength(42);
      expect(home.slice(0, 2).map((c) => c.id)).toEqual([ids.reference, ids.business[2]]);
      expect(home.filter((c) => c.position === null).map((c) => c.headline)).toEqual(
        Array.from({ length: 40 }, (_, i) => `Sports story ${i + 1}`),
      );
    });
  });
}
