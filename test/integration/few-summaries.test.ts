import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { summaryRowsByIds } from '../../src/storage/repositories/article.repository.js';
import { summaryRowsByFewIds } from '../../src/storage/repositories/few-summaries.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/** The compiled statement for a Related list's few ids answers what the ordinary query answers. */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`summaryRowsByFewIds on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterEach(async () => {
      await storage.close();
    });

    const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);

    it('answers the same rows as summaryRowsByIds, for lists of every length up to eight and past it', async () => {
      const all = [ids.reference, ...ids.politics, ...ids.business, ids.pinned, ids.updated];
      const now = FIXTURE_NOW.getTime();
      for (let n = 1; n <= all.length; n++) {
        const asked = all.slice(0, n);
        const few = await summaryRowsByFewIds(storage.db, asked, now);
        expect(byId(few)).toEqual(byId(await summaryRowsByIds(storage.db, asked, now)));
        expect(few.length).toBeGreaterThan(0);
      }
    });

    it('leaves out what is not live at the time asked, and ids that are no article', async () => {
      const now = FIXTURE_NOW.getTime();
      const live = await summaryRowsByFewIds(storage.db, [ids.reference, 999_999], now);
      expect(live.map((r) => r.id)).toEqual([ids.reference]);
      // Long before the fixture's articles were published, none is live.
      expect(await summaryRowsByFewIds(storage.db, [ids.reference, ...ids.politics.slice(0, 3)], 0)).toEqual([]);
      expect(await summaryRowsByFewIds(storage.db, [], now)).toEqual([]);
    });
  });
}
