import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleInput, ArticleStatus } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import { readContentVersion } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/**
 * The content version tells every process to drop its rendered pages. It must move when readers could see the
 * change, and only then: a writer's autosave every 15 s would otherwise empty every cache on every node.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the content version on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const story = (status: ArticleStatus, text: string): ArticleInput => ({
      slug: 'harbour-crane',
      headline: 'Harbour Crane Replaced',
      standfirst: null,
      body: [paragraph(text)],
      sectionId: ids.sections.business,
      authorIds: [],
      tags: [],
      photo: null,
      status,
      publishedAt: status === 'draft' ? null : FIXTURE_NOW,
      updatedAt: null,
    });
    /** Saves and says whether the version moved. */
    const moves = async (save: () => Promise<unknown>): Promise<boolean> => {
      const before = await readContentVersion(storage.db);
      await save();
      return (await readContentVersion(storage.db)) !== before;
    };

    it('stays put while a draft is written and saved again', async () => {
      let id = 0;
      expect(await moves(async () => (id = await saveArticle(storage.db, null, story('draft', 'First lines.'))))).toBe(
        false,
      );
      expect(await moves(() => saveArticle(storage.db, id, story('draft', 'More lines.')))).toBe(false);
      expect(await moves(() => saveArticle(storage.db, id, story('in_review', 'More lines.')))).toBe(false);
    });

    it('moves when an article goes live, changes while live, and is taken down', async () => {
      const id = await saveArticle(storage.db, null, story('draft', 'First lines.'));
      expect(await moves(() => saveArticle(storage.db, id, story('published', 'First lines.')))).toBe(true);
      expect(await moves(() => saveArticle(storage.db, id, story('published', 'A fix.')))).toBe(true);
      expect(await moves(() => saveArticle(storage.db, id, story('unpublished', 'A fix.')))).toBe(true);
    });

    it('moves when an article is scheduled, since its time will show it on the site', async () => {
      const id = await saveArticle(storage.db, null, story('draft', 'First lines.'));
      expect(await moves(() => saveArticle(storage.db, id, story('scheduled', 'First lines.')))).toBe(true);
    });
  });
}
