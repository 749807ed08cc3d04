import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { authorFormValuesOf } from '../../src/services/author-form.js';
import { loadAuthorForEdit, updateAuthor } from '../../src/services/authors.js';
import { addCorrection } from '../../src/services/corrections.js';
import { importPage } from '../../src/services/import-page.js';
import { createTranslationDraft, moveDraftToEdition } from '../../src/services/newsroom-translations.js';
import { saveArticle } from '../../src/services/save-article.js';
import { publishDueArticles } from '../../src/services/scheduler.js';
import { linkTranslation, unlinkTranslation } from '../../src/services/translations.js';
import { storeArticleRenderRows } from '../../src/storage/repositories/article-render.repository.js';
import { readContentVersion } from '../../src/storage/repositories/site.repository.js';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/**
 * Every write a reader could see on an article page forgets the stored renders it makes stale (issue 10), in its
 * own transaction, through the services the newsroom, the importer and the scheduler call. Each test stores renders
 * for the articles the write touches and for one it does not, writes, and looks at which are left.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`writes forget stale renders on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let groups: EditionsFixture;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      groups = await loadEditionsFixture(storage.db, ids);
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const storeRenders = async (articleIds: number[]) => {
      const version = await readContentVersion(storage.db);
      const rows = articleIds.map((id) => ({
        article_id: id,
        site_stamp: 'stamp',
        made_at: FIXTURE_NOW.getTime(),
        meta: '{}',
        pieces: Uint8Array.of(id % 256),
      }));
      expect(await storeArticleRenderRows(storage.db, rows, version)).toBe(rows.length);
    };
    const rendered = async (articleIds: number[]) => {
      const left = new Set(
        (await storage.db.selectFrom('article_render').select('article_id').execute()).map((r) => r.article_id),
      );
      return articleIds.filter((id) => left.has(id));
    };
    const story = (headline: string, extra: Partial<ArticleInput> = {}): ArticleInput => ({
      slug: 'harbour-crane',
      headline,
      standfirst: null,
      body: [paragraph(`${headline}.`)],
      sectionId: ids.sections.business,
      authorIds: [ids.authors.aoki],
      tags: [],
      photo: null,
      status: 'published',
      publishedAt: new Date(FIXTURE_NOW.getTime() - 3_600_000),
      updatedAt: null,
      ...extra,
    });
    const unrelated = () => ids.business[0]!;

    it('a save of a live source forgets its render and its translations’', async () => {
      const group = [groups.reference.en, groups.reference.ja, groups.reference.ko];
      await storeRenders([...group, unrelated()]);
      await saveArticle(
        storage.db,
        ids.reference,
        { ...story('Defence chiefs meet'), sectionId: ids.sections.defense, authorIds: [ids.authors.baker] },
        FIXTURE_NOW,
      );
      expect(await rendered([...group, unrelated()])).toEqual([unrelated()]);
    });

    it('a save that takes a translation down forgets its source’s render', async () => {
      await storeRenders([groups.jaFirst.ja, groups.jaFirst.en, unrelated()]);
      await saveArticle(storage.db, groups.jaFirst.en, story('Airport flights', { status: 'unpublished' }));
      expect(await rendered([groups.jaFirst.ja, groups.jaFirst.en, unrelated()])).toEqual([unrelated()]);
    });

    it('a correction forgets the corrected article’s render', async () => {
      await storeRenders([ids.updated, unrelated()]);
      await addCorrection(
        storage.db,
        ids.updated,
        { kind: 'correction', text: 'The vote is on Friday.' },
        1,
        FIXTURE_NOW,
      );
      expect(await rendered([ids.updated, unrelated()])).toEqual([unrelated()]);
    });

    it('an author’s profile edit forgets the renders of the articles bylined to them', async () => {
      // Tom Baker is bylined on the reference article only.
      await storeRenders([ids.reference, ids.updated]);
      const { author, accountId } = await loadAuthorForEdit(storage.db, ids.authors.baker);
      await updateAuthor(storage.db, ids.authors.baker, {
        ...authorFormValuesOf(author, accountId),
        jobTitle: 'Defence editor',
      });
      expect(await rendered([ids.reference, ids.updated])).toEqual([ids.updated]);
    });

    it('a link forgets the renders of the group it makes', async () => {
      const translation = await saveArticle(storage.db, null, story('予算採決が一日延期'), FIXTURE_NOW, {
        editionId: groups.ja,
      });
      await storeRenders([ids.updated, translation, unrelated()]);
      await linkTranslation(storage.db, ids.updated, translation, FIXTURE_NOW);
      expect(await rendered([ids.updated, translation, unrelated()])).toEqual([unrelated()]);
    });

    it('an unlink forgets the renders of the group as it was', async () => {
      const group = [groups.reference.en, groups.reference.ja, groups.reference.ko];
      await storeRenders([...group, groups.jaFirst.en]);
      await unlinkTranslation(storage.db, groups.reference.ko, groups.reference.en);
      expect(await rendered([...group, groups.jaFirst.en])).toEqual([groups.jaFirst.en]);
    });

    it('a scheduled translation going live forgets its source’s render', async () => {
      const liveAt = new Date(FIXTURE_NOW.getTime() + 60_000);
      const translation = await saveArticle(
        storage.db,
        null,
        story('予算採決が一日延期', { status: 'scheduled', publishedAt: liveAt }),
        FIXTURE_NOW,
        { editionId: groups.ja },
      );
      await linkTranslation(storage.db, ids.updated, translation, FIXTURE_NOW);
      await storeRenders([ids.updated, unrelated()]);
      expect(await publishDueArticles(storage.db, liveAt)).toEqual([translation]);
      expect(await rendered([ids.updated, unrelated()])).toEqual([unrelated()]);
    });

    it('an imported translation forgets its source’s render', async () => {
      await storeRenders([ids.updated, unrelated()]);
      const page = ['予算採決が一日延期', '2026年1月21日 13:01', '議会は予算の採決を一日延ばした。'].join('\n');
      const imported = await importPage(storage.db, page, {
        language: 'ja',
        translationOf: `/politics/20260121-${ids.updated}/`,
        now: FIXTURE_NOW,
      });
      expect(imported.created).toBe(true);
      expect(await rendered([ids.updated, unrelated()])).toEqual([unrelated()]);
    });

    it('the newsroom’s Translate forgets the source’s render', async () => {
      await storeRenders([ids.updated, unrelated()]);
      await createTranslationDraft(storage.db, ids.updated, groups.ja, { id: 1 }, FIXTURE_NOW);
      expect(await rendered([ids.updated, unrelated()])).toEqual([unrelated()]);
    });

    it('moving a draft to another edition forgets a render made of it', async () => {
      const draft = await saveArticle(storage.db, null, story('Draft', { status: 'draft', publishedAt: null }));
      await storeRenders([draft, unrelated()]);
      await moveDraftToEdition(storage.db, draft, groups.ja);
      expect(await rendered([draft, unrelated()])).toEqual([unrelated()]);
    });
  });
}
