import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import { saveArticle } from '../../src/services/save-article.js';
import {
  countArticleRenders,
  findArticleRenderRow,
  forgetAllArticleRenders,
  forgetArticleRenders,
  forgetRendersOfAuthor,
  forgetRendersOfTranslationGroups,
  liveArticleIdsWithoutRender,
  storeArticleRenderRows,
  updateArticleRenderMeta,
  type ArticleRenderRow,
} from '../../src/storage/repositories/article-render.repository.js';
import { bumpContentVersion, readContentVersion } from '../../src/storage/repositories/site.repository.js';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/** The article_render table's repository (issue 10), the same on every backend. */
const render = (articleId: number, extra: Partial<ArticleRenderRow> = {}): ArticleRenderRow => ({
  article_id: articleId,
  site_stamp: 'stamp-1',
  made_at: FIXTURE_NOW.getTime() + articleId,
  meta: JSON.stringify({ articleId }),
  // Every byte value, so a backend that stored text or trimmed a zero would show.
  pieces: Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + articleId) % 256),
  ...extra,
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`stored article renders on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const store = async (rows: ArticleRenderRow[]) =>
      storeArticleRenderRows(storage.db, rows, await readContentVersion(storage.db));
    const storedIds = async () =>
      (await storage.db.selectFrom('article_render').select('article_id').orderBy('article_id').execute()).map(
        (r) => r.article_id,
      );

    it('finds nothing for an article without a render', async () => {
      expect(await findArticleRenderRow(storage.db, ids.reference)).toBeUndefined();
    });

    it('gives back what it stored, the time as a number and the pieces as bytes', async () => {
      expect(await store([render(ids.reference), render(ids.updated)])).toBe(2);
      const found = await findArticleRenderRow(storage.db, ids.reference);
      expect(found).toEqual({ ...render(ids.reference), pieces: expect.any(Uint8Array) });
      expect(typeof found!.made_at).toBe('number');
      expect(Buffer.from(found!.pieces).equals(Buffer.from(render(ids.reference).pieces))).toBe(true);
    });

    it('replaces an article’s render when it is stored again', async () => {
      await store([render(ids.reference)]);
      const again = render(ids.reference, { site_stamp: 'stamp-2', meta: '{}', pieces: Uint8Array.of(1, 2, 3) });
      expect(await store([again])).toBe(1);
      expect(await findArticleRenderRow(storage.db, ids.reference)).toEqual({ ...again, pieces: expect.anything() });
      expect([...(await findArticleRenderRow(storage.db, ids.reference))!.pieces]).toEqual([1, 2, 3]);
      expect(await countArticleRenders(storage.db)).toBe(1);
    });

    it('keeps nothing when the content version moved after the render began', async () => {
      await store([render(ids.updated)]);
      const began = await readContentVersion(storage.db);
      await bumpContentVersion(storage.db);
      const stale = render(ids.updated, { meta: '"stale"' });
      expect(await storeArticleRenderRows(storage.db, [stale, render(ids.reference)], began)).toBe(0);
      expect(await storedIds()).toEqual([ids.updated]);
      expect((await findArticleRenderRow(storage.db, ids.updated))!.meta).toBe(render(ids.updated).meta);
    });

    it('stores inside a transaction the caller holds', async () => {
      const version = await readContentVersion(storage.db);
      await storage.db.transaction().execute(async (trx) => {
        expect(await storeArticleRenderRows(trx, [render(ids.reference)], version)).toBe(1);
      });
      expect(await storedIds()).toEqual([ids.reference]);
    });

    it('keeps nothing when a write that forgets the render is under way as it stores', async () => {
      const began = await readContentVersion(storage.db);
      let storing: Promise<number> | undefined;
      await storage.db.transaction().execute(async (trx) => {
        // The write forgets before it moves the version: the store must still wait for it, not slip in between.
        await forgetArticleRenders(trx, [ids.reference]);
        storing = storeArticleRenderRows(storage.db, [render(ids.reference)], began);
        await new Promise((resolve) => setTimeout(resolve, 150));
        await bumpContentVersion(trx);
      });
      expect(await storing).toBe(0);
      expect(await storedIds()).toEqual([]);
    });

    it('stores many rows at once', async () => {
      const many = [...ids.politics, ...ids.business, ids.reference, ids.updated].map((id) => render(id));
      expect(await store(many)).toBe(many.length);
      expect(await countArticleRenders(storage.db)).toBe(many.length);
    });

    it('rewrites the meta only of a render made under the stamp given', async () => {
      await store([render(ids.reference), render(ids.updated, { site_stamp: 'stamp-0' })]);
      await updateArticleRenderMeta(storage.db, ids.reference, '"new"', 'stamp-1');
      await updateArticleRenderMeta(storage.db, ids.updated, '"new"', 'stamp-1');
      await updateArticleRenderMeta(storage.db, ids.business[0]!, '"new"', 'stamp-1');
      expect((await findArticleRenderRow(storage.db, ids.reference))!.meta).toBe('"new"');
      expect((await findArticleRenderRow(storage.db, ids.updated))!.meta).toBe(render(ids.updated).meta);
      expect(await findArticleRenderRow(storage.db, ids.business[0]!)).toBeUndefined();
    });

    it('forgets the renders it is told to, and counts what is left by stamp', async () => {
      await store([render(ids.reference), render(ids.updated), render(ids.pinned, { site_stamp: 'stamp-0' })]);
      expect(await countArticleRenders(storage.db, 'stamp-1')).toBe(2);
      expect(await countArticleRenders(storage.db, 'stamp-0')).toBe(1);
      await forgetArticleRenders(storage.db, [ids.updated, ids.business[0]!]);
      await forgetArticleRenders(storage.db, []);
      expect(await storedIds()).toEqual([ids.pinned, ids.reference].sort((a, b) => a - b));
      expect(await forgetAllArticleRenders(storage.db)).toBe(2);
      expect(await countArticleRenders(storage.db)).toBe(0);
    });

    it('forgets the renders of the articles an author is bylined on, and only those', async () => {
      // Tom Baker is bylined on the reference article alone; Mei Aoki on every one.
      await store([render(ids.reference), render(ids.updated)]);
      await forgetRendersOfAuthor(storage.db, ids.authors.baker);
      expect(await storedIds()).toEqual([ids.updated]);
      await forgetRendersOfAuthor(storage.db, ids.authors.aoki);
      expect(await storedIds()).toEqual([]);
    });

    describe('with translation groups', () => {
      let groups: EditionsFixture;
      beforeEach(async () => {
        groups = await loadEditionsFixture(storage.db, ids);
      });
      const everyMember = () => [
        groups.reference.en,
        groups.reference.ja,
        groups.reference.ko,
        groups.jaFirst.ja,
        groups.jaFirst.en,
        ids.updated,
      ];

      it('forgets a translation’s whole group: its source and the source’s other translations', async () => {
        await store(everyMember().map((id) => render(id)));
        await forgetRendersOfTranslationGroups(storage.db, [groups.reference.ko]);
        expect(await storedIds()).toEqual([groups.jaFirst.ja, groups.jaFirst.en, ids.updated].sort((a, b) => a - b));
      });

      it('forgets a source’s whole group, and an article without links alone', async () => {
        await store(everyMember().map((id) => render(id)));
        await forgetRendersOfTranslationGroups(storage.db, [groups.jaFirst.ja, ids.updated]);
        expect(await storedIds()).toEqual(
          [groups.reference.en, groups.reference.ja, groups.reference.ko].sort((a, b) => a - b),
        );
      });
    });

    it('lists the live articles without a render under the stamp, by id, a page at a time', async () => {
      const draft = await saveArticle(storage.db, null, {
        slug: 'draft',
        headline: 'Draft',
        standfirst: null,
        body: [paragraph('Not yet.')],
        sectionId: ids.sections.business,
        authorIds: [],
        tags: [],
        photo: null,
        status: 'draft',
        publishedAt: null,
        updatedAt: null,
      });
      const live = [...ids.politics, ids.reference, ids.updated, ...ids.business].sort((a, b) => a - b);
      // Rendered under this stamp: skipped; under another: listed again.
      await store([render(live[1]!), render(live[2]!, { site_stamp: 'stamp-0' })]);
      const now = FIXTURE_NOW.getTime();
      const expected = live.filter((id) => id !== live[1]);
      const firstPage = await liveArticleIdsWithoutRender(storage.db, 'stamp-1', now, 0, 5);
      expect(firstPage).toEqual(expected.slice(0, 5));
      const rest = await liveArticleIdsWithoutRender(storage.db, 'stamp-1', now, firstPage.at(-1)!, 100);
      // The future article of the fixture and the draft are not live.
      expect(rest).toEqual(expected.slice(5));
      expect(rest).not.toContain(draft);
      expect(await liveArticleIdsWithoutRender(storage.db, 'stamp-1', now, expected.at(-1)!, 100)).toEqual([]);
    });
  });
}
