import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { decodeRenderMeta, relatedDueAt } from '../../src/domain/article-render-meta.js';
import { paragraph } from '../../src/domain/body.js';
import { authorFormValuesOf } from '../../src/services/author-form.js';
import { loadAuthorForEdit, updateAuthor } from '../../src/services/authors.js';
import { addCorrection } from '../../src/services/corrections.js';
import { saveArticle } from '../../src/services/save-article.js';
import { saveSection, saveSiteSettings } from '../../src/services/site-admin.js';
import { linkTranslation } from '../../src/services/translations.js';
import { findArticleRenderRow } from '../../src/storage/repositories/article-render.repository.js';
import { loadEditionsFixture, type EditionsFixture } from '../fixtures/editions.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';
import { keptPagesApp, keptRow, type KeptPagesApp } from '../support/kept-pages.js';
import { eventually } from '../support/wait.js';

const after = (ms: number) => new Date(FIXTURE_NOW.getTime() + ms);

/**
 * A kept article page (record 0009) never outlives what it shows: each write a reader could see on it is on the
 * next answer, whether the write forgot the kept row (the article, its corrections, its bylines, its translations)
 * or changed what the row's stamp was made of (the settings, a section); Related is chosen again when it falls
 * due; and a page rendered under a content version that has moved is not kept at all.
 */
for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`kept article pages after writes on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let groups: EditionsFixture;
    let t: KeptPagesApp;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      groups = await loadEditionsFixture(storage.db, ids);
      t = await keptPagesApp(storage.db, FIXTURE_NOW);
    });
    afterEach(async () => {
      await t.close();
      await storage.destroy();
    });

    const updatedPath = () => `/politics/20260121-${ids.updated}/`;
    const referencePath = () => `/politics/defense-security/20260121-${ids.reference}/`;
    /** The updated article as the fixture wrote it. */
    const updatedInput = (): ArticleInput => ({
      slug: 'budget-vote-delayed-by-a-day',
      headline: 'Budget vote delayed by a day',
      standfirst: 'Summary of budget vote delayed by a day.',
      body: [paragraph('Budget vote delayed by a day. First paragraph.')],
      sectionId: ids.sections.politics,
      authorIds: [ids.authors.aoki],
      tags: ['test'],
      photo: null,
      status: 'published',
      publishedAt: new Date('2026-01-21T00:30:00Z'),
      updatedAt: new Date('2026-01-21T09:45:00Z'),
    });

    /** Answers the page at the fixture's time until its row is kept; the page answered from that row. */
    const keptPage = async (path: string, id: number): Promise<string> => {
      t.setNow(FIXTURE_NOW);
      expect((await t.get(path)).statusCode, path).toBe(200);
      await keptRow(storage.db, t.worker, id);
      t.setNow(FIXTURE_NOW);
      const res = await t.get(path);
      expect([res.statusCode, res.headers['x-cache']], path).toEqual([200, 'MISS']);
      return res.body;
    };
    /** The next answer after a write, once the site has read the new content version. */
    const nextAnswer = async (path: string): Promise<string> => {
      expect(await t.worker.site.refresh()).toBe(true);
      t.setNow(FIXTURE_NOW);
      const res = await t.get(path);
      expect(res.statusCode, path).toBe(200);
      return res.body;
    };
    /** The article's address, as a wrong date's redirect gives it. */
    const pathOf = async (id: number, section: string): Promise<string> => {
      const moved = await t.get(`/${section}/20000101-${id}/`);
      expect(moved.statusCode).toBe(301);
      return String(moved.headers.location);
    };
    const headingOf = (html: string) => dom(html).querySelector('h1')?.text;

    it('shows an edited headline', async () => {
      expect(headingOf(await keptPage(updatedPath(), ids.updated))).toBe('Budget vote delayed by a day');
      await saveArticle(
        storage.db,
        ids.updated,
        { ...updatedInput(), headline: 'Budget vote moved to Friday' },
        FIXTURE_NOW,
      );
      const page = await nextAnswer(updatedPath());
      expect(headingOf(page)).toBe('Budget vote moved to Friday');
      expect(page).not.toContain('Budget vote delayed by a day |');
    });

    it('shows a correction added to the article', async () => {
      expect(await keptPage(updatedPath(), ids.updated)).not.toContain('class="corrections"');
      await addCorrection(
        storage.db,
        ids.updated,
        { kind: 'correction', text: 'The vote is on Friday.' },
        1,
        FIXTURE_NOW,
      );
      const corrections = dom(await nextAnswer(updatedPath())).querySelector('.corrections');
      expect(corrections?.text).toContain('The vote is on Friday.');
    });

    it('shows a bylined author’s new name', async () => {
      const bylineOf = (html: string) => dom(html).querySelector('.byline')?.text;
      expect(bylineOf(await keptPage(referencePath(), ids.reference))).toContain('Tom Baker');
      const { author, accountId } = await loadAuthorForEdit(storage.db, ids.authors.baker);
      await updateAuthor(storage.db, ids.authors.baker, {
        ...authorFormValuesOf(author, accountId),
        name: 'Tam Baker',
      });
      const byline = bylineOf(await nextAnswer(referencePath()));
      expect(byline).toContain('Tam Baker');
      expect(byline).not.toContain('Tom Baker');
    });

    it('shows a new publication name', async () => {
      const titleOf = (html: string) => dom(html).querySelector('title')?.text;
      const before = titleOf(await keptPage(updatedPath(), ids.updated));
      const { logo: _l, icon: _i, sameAs: _s, ...settings } = t.worker.site.current().context.settings;
      expect(before).toBe(`Budget vote delayed by a day | ${settings.publicationName}`);
      await saveSiteSettings(storage.db, { ...settings, sameAs: '', publicationName: 'The Harbour Herald' });
      expect(titleOf(await nextAnswer(updatedPath()))).toBe('Budget vote delayed by a day | The Harbour Herald');
    });

    it('shows a section’s new name', async () => {
      const kickerOf = (html: string) => dom(html).querySelector('.article-main')?.text ?? '';
      expect(kickerOf(await keptPage(referencePath(), ids.reference))).toContain('Defense & Security');
      await saveSection(storage.db, {
        name: 'Defence and Security',
        slug: 'defense-security',
        parent: 'politics',
        position: '2',
      });
      const page = kickerOf(await nextAnswer(referencePath()));
      expect(page).toContain('Defence and Security');
      expect(page).not.toContain('Defense & Security');
    });

    it('links a translation linked to it', async () => {
      const source = ids.business[0]!;
      const path = await pathOf(source, 'business');
      const alternates = (html: string) =>
        dom(html)
          .querySelectorAll('link[rel="alternate"][hreflang]')
          .map((l) => [l.getAttribute('hreflang'), l.getAttribute('href')]);
      expect(alternates(await keptPage(path, source))).toEqual([]);
      const translation = await saveArticle(
        storage.db,
        null,
        { ...updatedInput(), slug: 'kouwan', headline: '港湾クレーン', sectionId: ids.sections.business, tags: [] },
        FIXTURE_NOW,
        { editionId: groups.ja },
      );
      await linkTranslation(storage.db, source, translation, FIXTURE_NOW);
      const page = await nextAnswer(path);
      expect(alternates(page)).toContainEqual(['ja', expect.stringContaining(`-${translation}/`)]);
      expect(dom(page).querySelector(`a[hreflang="ja"]`)?.getAttribute('href')).toContain(`-${translation}/`);
    });

    it('shows the Related chosen when kept until it falls due, then chooses again and keeps the choice', async () => {
      // Two days old: its Related is kept for a twenty-fourth of that, two hours.
      const id = ids.business[0]!;
      const path = await pathOf(id, 'business');
      await keptPage(path, id);
      const metaOf = async () => decodeRenderMeta((await findArticleRenderRow(storage.db, id))!.meta)!;
      const kept = await metaOf();
      expect(kept.relatedAt).toBe(FIXTURE_NOW.getTime());
      const due = relatedDueAt(kept);
      expect(due).toBeGreaterThan(after(60_000).getTime());
      const headlineOf = async (articleId: number) =>
        (
          await storage.db
            .selectFrom('article')
            .select('headline')
            .where('id', '=', articleId)
            .executeTakeFirstOrThrow()
        ).headline;
      const wasFirst = await headlineOf(kept.related[0]!);
      // Newer than every story it could be related to, in the same section and with the same tag: first in Related.
      const follow = await saveArticle(
        storage.db,
        null,
        {
          ...updatedInput(),
          slug: 'crane-strike-ends',
          headline: 'Crane strike ends at the harbour',
          sectionId: ids.sections.business,
          publishedAt: FIXTURE_NOW,
          updatedAt: null,
        },
        FIXTURE_NOW,
      );
      expect(await t.worker.site.refresh()).toBe(true);
      const relatedAt = async (at: Date) => {
        t.setNow(at);
        const res = await t.get(path);
        expect(res.statusCode).toBe(200);
        return dom(res.body).querySelector('[aria-labelledby="article-related"]')?.text ?? '';
      };
      for (const at of [after(30_000), new Date(due - 1_000)]) {
        const related = await relatedAt(at);
        expect(related, at.toISOString()).toContain(wasFirst);
        expect(related, at.toISOString()).not.toContain('Crane strike ends at the harbour');
      }
      expect(await metaOf()).toEqual(kept);
      expect(await relatedAt(new Date(due))).toContain('Crane strike ends at the harbour');
      const chosen = await eventually('the new Related being kept', async () => {
        const meta = await metaOf();
        return meta.relatedAt === due ? meta : undefined;
      });
      expect(chosen.related[0]).toBe(follow);
      expect({ ...chosen, related: kept.related, relatedAt: kept.relatedAt }).toEqual(kept);
      // Until the next choice falls due, the new one is what the page shows.
      expect(await relatedAt(new Date(due + 30_000))).toContain('Crane strike ends at the harbour');
    });

    it('does not keep a page rendered under a content version that has moved since', async () => {
      // Another process writes: the database's content version moves before this worker has read it.
      await addCorrection(storage.db, ids.business[0]!, { kind: 'correction', text: 'Elsewhere.' }, 1, FIXTURE_NOW);
      t.setNow(FIXTURE_NOW);
      expect((await t.get(updatedPath())).statusCode).toBe(200);
      // Closing writes what the render writer holds.
      await t.close();
      expect(await findArticleRenderRow(storage.db, ids.updated)).toBeUndefined();
      // A worker that has read the version keeps the same page.
      t = await keptPagesApp(storage.db, FIXTURE_NOW);
      await keptPage(updatedPath(), ids.updated);
    });
  });
}
