import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/dateline.js';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { parseQuery } from '../../src/domain/search-text.js';
import type { SearchRequest } from '../../src/storage/search/search-index.js';
import { emptyAuthorForm } from '../../src/services/author-form.js';
import { loadAuthor, updateAuthor } from '../../src/services/authors.js';
import { saveArticle, ArticleConflict } from '../../src/services/save-article.js';
import { writePublicationPage } from '../../src/services/save-publication-page.js';
import { publishDueArticles } from '../../src/services/scheduler.js';
import { searchIndexOf } from '../../src/storage/search/search-indexing.js';
import { createStorage } from '../../src/storage/database.js';
import { migrateToLatest, migrateUpTo } from '../../src/storage/migrate.js';
import { insertArticleRow } from '../../src/storage/repositories/article.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

/**
 * The index follows every write that changes what search finds, in the write's own transaction (issue 15):
 * saves, publishing and taking down, the scheduler's go-live, an author's new name, pages; the migration builds it
 * for an archive that had none, and `dateline search rebuild` rebuilds it.
 */
const LATER = new Date(FIXTURE_NOW.getTime() + 60 * 60_000);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`keeping the search index on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const found = async (q: string, extra: Partial<SearchRequest> = {}, at = LATER): Promise<number[]> =>
      (
        await searchIndexOf(storage.db).search(storage.db, {
          query: parseQuery(q),
          liveAt: at.getTime(),
          sort: 'relevance',
          offset: 0,
          limit: 50,
          ...extra,
        })
      ).hits.map((h) => h.id);

    const story = (overrides: Partial<ArticleInput> = {}): ArticleInput => ({
      slug: 'lighthouse-keeper',
      headline: 'Lighthouse keeper retires',
      standfirst: 'After forty winters on the rock.',
      body: [paragraph('The lamp was refuelled by hand every night until 1987.')],
      sectionId: ids.sections.business,
      authorIds: [ids.authors.baker],
      tags: ['coast'],
      photo: null,
      status: 'published',
      publishedAt: FIXTURE_NOW,
      updatedAt: null,
      ...overrides,
    });

    it('finds the fixture archive by body words, bylines and tags', async () => {
      expect(await found('refuelling stop')).toEqual([ids.reference]);
      expect(await found('tom baker defence')).toContain(ids.reference);
      expect((await found('test')).length).toBeGreaterThan(5);
    });

    it('finds an article once it is saved live, with its new words after an edit, and not once taken down', async () => {
      const id = await saveArticle(storage.db, null, story(), FIXTURE_NOW);
      expect(await found('refuel lamp')).toEqual([id]);
      await saveArticle(storage.db, id, story({ body: [paragraph('The lamp now runs on mains power.')] }), FIXTURE_NOW);
      expect(await found('refuel lamp')).toEqual([]);
      expect(await found('mains power')).toEqual([id]);
      await saveArticle(storage.db, id, story({ status: 'unpublished' }), FIXTURE_NOW);
      expect(await found('lighthouse')).toEqual([]);
      // The newsroom still finds it.
      expect(await found('lighthouse', { liveAt: undefined })).toEqual([id]);
    });

    it('keeps the index as it was when a save is refused as a conflict', async () => {
      const id = await saveArticle(storage.db, null, story(), FIXTURE_NOW);
      await expect(
        saveArticle(storage.db, id, story({ headline: 'Lighthouse sold' }), FIXTURE_NOW, { expectedRevision: 0 }),
      ).rejects.toBeInstanceOf(ArticleConflict);
      expect(await found('sold')).toEqual([]);
      expect(await found('retires')).toEqual([id]);
    });

    it('shows a scheduled article to readers once the scheduler puts it live', async () => {
      const goesLive = new Date(FIXTURE_NOW.getTime() + 30 * 60_000);
      const id = await saveArticle(
        storage.db,
        null,
        story({ status: 'scheduled', publishedAt: goesLive }),
        FIXTURE_NOW,
      );
      expect(await found('lighthouse')).toEqual([]);
      expect(await found('lighthouse', { liveAt: undefined, statuses: ['scheduled'] })).toEqual([id]);
      await publishDueArticles(storage.db, LATER);
      expect(await found('lighthouse')).toEqual([id]);
    });

    it('finds an author’s articles by their new name after a rename', async () => {
      const author = await loadAuthor(storage.db, ids.authors.baker);
      await updateAuthor(storage.db, author.id, { ...emptyAuthorForm(), name: 'Thomas Okafor', slug: author.slug });
      expect(await found('okafor')).toContain(ids.reference);
      expect(await found('baker')).not.toContain(ids.reference);
    });

    it('finds a live page and forgets a page taken down', async () => {
      const page = {
        slug: 'contact',
        title: 'Contact the newsroom',
        body: [paragraph('Write to the harbourmaster desk.')],
      };
      const saved = await writePublicationPage(
        storage.db,
        null,
        { ...page, status: 'published', photo: null },
        { now: FIXTURE_NOW, savedBy: null },
      );
      expect(await found('harbourmaster', { kinds: ['page'] })).toEqual([saved.id]);
      await writePublicationPage(
        storage.db,
        saved.id,
        { ...page, status: 'draft', photo: null },
        { now: FIXTURE_NOW, savedBy: null, expectedRevision: saved.revision },
      );
      expect(await found('harbourmaster', { kinds: ['page'] })).toEqual([]);
    });

    it('rebuilds the index from the archive with `dateline search rebuild`', async () => {
      await searchIndexOf(storage.db).clear(storage.db);
      expect(await found('refuelling stop')).toEqual([]);
      const out: string[] = [];
      const err: string[] = [];
      const env = {
        DATELINE_DATA: storage.dataDir,
        ...(storage.databaseUrl ? { DATABASE_URL: storage.databaseUrl } : {}),
      };
      const io = { env, stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l) };
      // A test's PostgreSQL role has a schema of its own name, which its connection uses first: so does the command's.
      expect(await runCli(['search', 'rebuild'], io)).toBe(0);
      expect(out.at(-1)).toMatch(/^Rebuilt the search index: \d+ articles and \d+ pages in [\d.]+ s\.$/);
      expect(err.some((line) => /search rebuild: \d+ of \d+ articles/.test(line))).toBe(true);
      expect(await found('refuelling stop')).toEqual([ids.reference]);
    });

    it('refuses a search command it does not know, with the usage', async () => {
      const err: string[] = [];
      const io = { env: { DATELINE_DATA: storage.dataDir }, stdout: () => {}, stderr: (l: string) => err.push(l) };
      expect(await runCli(['search', 'reindex'], io)).toBe(2);
      expect(err.join('\n')).toContain('the search command has one subcommand: rebuild');
      expect(await runCli(['search', 'rebuild', 'now'], io)).toBe(2);
    });
  });
}

describe('the search index migration', () => {
  it('builds the index for an archive written before it', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dataDir = mkdtempSync(join(tmpdir(), 'dateline-search-migration-'));
    const storage = createStorage({ dataDir, databaseUrl: null });
    try {
      await migrateUpTo(storage.db, storage.dialect, '2026_12_01_0007_article_custom_fields');
      const section = (
        await storage.db
          .insertInto('section')
          .values({ slug: 'coast', name: 'Coast', parent_id: null, position: 1 })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
      const t = FIXTURE_NOW.getTime();
      const id = await insertArticleRow(storage.db, {
        slug: 'ferry',
        headline: 'Night ferry returns',
        standfirst: null,
        body: JSON.stringify([paragraph('Crossings resume after the refit.')]),
        body_text: '',
        section_id: section,
        status: 'published',
        photo_media_id: null,
        photo_caption: null,
        photo_credit: null,
        photo_alt: null,
        seo_description: null,
        source_key: null,
        created_at: t,
        first_published_at: t,
        published_at: t,
        updated_at: null,
        modified_at: t,
        created_by: null,
        review_note: null,
        custom_fields: null,
      });
      await migrateToLatest(storage.db, storage.dialect);
      const result = await searchIndexOf(storage.db).search(storage.db, {
        query: parseQuery('refit crossings'),
        liveAt: LATER.getTime(),
        sort: 'relevance',
        offset: 0,
        limit: 10,
      });
      expect(result.hits).toEqual([{ kind: 'article', id }]);
    } finally {
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
