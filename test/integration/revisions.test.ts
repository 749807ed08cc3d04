import { sql } from 'kysely';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { createAccount } from '../../src/services/accounts.js';
import { InvalidInput, NotFound } from '../../src/services/errors.js';
import { restoreRevision, revisionPage, revisionsToCompare } from '../../src/services/revisions.js';
import { saveArticle } from '../../src/services/save-article.js';
import { loadSiteContext } from '../../src/services/site-context.js';
import { storeImage } from '../../src/services/store-image.js';
import { upsertAuthorRow } from '../../src/storage/repositories/author.repository.js';
import { countRevisionRows, revisionRowsByKey } from '../../src/storage/repositories/revision.repository.js';
import { up as addListColumns } from '../../src/storage/migrations/2026_11_30_0003_revision_autosave.js';
import { upsertSectionRow } from '../../src/storage/repositories/section.repository.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { refusal } from '../support/refusal.js';

const NOW = new Date('2026-02-01T09:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const solid = (r: number): Promise<Buffer> =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: { r, g: 80, b: 120 } } })
    .jpeg()
    .toBuffer();

interface Setup {
  articleId: number;
  keptAuthor: number;
  removedAuthor: number;
  photo: number;
  bodyImage: number;
  first: ArticleInput;
}

/** An article saved with two bylines, a photo and a body image; then saved again without the second byline and images. */
const articleWithHistory = async (storage: TestStorage): Promise<Setup> => {
  const db = storage.db;
  const sectionId = await upsertSectionRow(db, { slug: 'harbour', name: 'Harbour', parent_id: null, position: 1 });
  const keptAuthor = await upsertAuthorRow(db, { slug: 'ana-ito', name: 'Ana Ito', bio: '' });
  const removedAuthor = await upsertAuthorRow(db, { slug: 'ben-ode', name: 'Ben Ode', bio: '' });
  const photo = (await storeImage(db, await solid(20), NOW)).mediaId;
  const bodyImage = (await storeImage(db, await solid(200), NOW)).mediaId;
  const first: ArticleInput = {
    slug: 'night-ferry',
    headline: 'Night ferry approved',
    standfirst: 'Two towns linked.',
    body: [
      paragraph('The ferry runs from April.'),
      { type: 'image', mediaId: bodyImage, alt: 'The ferry at the quay' },
    ],
    sectionId,
    authorIds: [keptAuthor, removedAuthor],
    tags: ['ferry'],
    photo: { mediaId: photo, caption: 'The quay', credit: null, alt: 'A quay at dusk' },
    status: 'published',
    publishedAt: NOW,
    updatedAt: null,
  };
  const articleId = await saveArticle(db, null, first, NOW);
  await saveArticle(
    db,
    articleId,
    {
      ...first,
      headline: 'Night ferry approved for April',
      body: [paragraph('The ferry runs from April.')],
      authorIds: [keptAuthor],
      photo: null,
    },
    later(5),
    { expectedRevision: 1 },
  );
  return { articleId, keptAuthor, removedAuthor, photo, bodyImage, first };
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`revisions on ${backend.name}`, () => {
    let storage: TestStorage;
    let setup: Setup;
    let editor: number;
    beforeEach(async () => {
      storage = await backend.open();
      setup = await articleWithHistory(storage);
      editor = (
        await createAccount(
          storage.db,
          {
            email: 'desk@example.com',
            name: 'Desk Editor',
            password: 'a long enough password',
            role: 'editor',
          },
          NOW,
        )
      ).id;
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const articleRow = () =>
      storage.db.selectFrom('article').selectAll().where('id', '=', setup.articleId).executeTakeFirstOrThrow();

    it('restores an earlier revision as a new one, keeping the workflow state and times', async () => {
      await restoreRevision(storage.db, setup.articleId, 1, editor, later(10));
      const row = await articleRow();
      expect([row.revision, row.headline, row.photo_media_id, row.status]).toEqual([
        3,
        'Night ferry approved',
        setup.photo,
        'published',
      ]);
      expect(row.published_at).toBe(NOW.getTime());
      expect((await revisionPage(storage.db, setup.articleId, 1)).revisions[0]).toMatchObject({
        revision: 3,
        savedBy: 'Desk Editor',
        autosave: false,
      });
    });

    it('refuses a revision whose author and images were removed since, saying which, and writes nothing', async () => {
      await storage.db.deleteFrom('author').where('id', '=', setup.removedAuthor).execute();
      await storage.db.deleteFrom('media').where('id', 'in', [setup.photo, setup.bodyImage]).execute();
      const error = await refusal(restoreRevision(storage.db, setup.articleId, 1, editor, later(10)), InvalidInput);
      expect(error.fields).toEqual({
        form:
          `This revision cannot be restored: an author it names has been removed (author ${setup.removedAuthor}); ` +
          `images it places are no longer in the library (media:${setup.photo}, media:${setup.bodyImage}).`,
      });
      const row = await articleRow();
      expect([row.revision, row.headline]).toEqual([2, 'Night ferry approved for April']);
      expect(await countRevisionRows(storage.db, setup.articleId)).toBe(2);
    });

    it('refuses a revision whose stored copy no longer validates, and writes nothing', async () => {
      const [stored] = await revisionRowsByKey(storage.db, setup.articleId, [1]);
      const broken = { ...JSON.parse(stored!.snapshot), status: 'archived' };
      await storage.db
        .updateTable('article_revision')
        .set({ snapshot: JSON.stringify(broken) })
        .where('article_id', '=', setup.articleId)
        .where('revision', '=', 1)
        .execute();
      const error = await refusal(restoreRevision(storage.db, setup.articleId, 1, editor, later(10)), InvalidInput);
      expect(error.fields).toEqual({
        form: "This revision cannot be restored: its stored copy does not fit today's rules (status).",
      });
      expect((await articleRow()).revision).toBe(2);
    });

    it('restores a snapshot stored before snapshots carried a version', async () => {
      const legacy = JSON.stringify(setup.first);
      await storage.db
        .updateTable('article_revision')
        .set({ snapshot: legacy })
        .where('article_id', '=', setup.articleId)
        .where('revision', '=', 1)
        .execute();
      await restoreRevision(storage.db, setup.articleId, 1, editor, later(10));
      expect((await articleRow()).headline).toBe('Night ferry approved');
    });

    it('answers NotFound for a revision that does not exist', async () => {
      const error = await refusal(restoreRevision(storage.db, setup.articleId, 9, editor, later(10)), NotFound);
      expect([error.what, error.message]).toEqual(['revision', 'That revision does not exist.']);
    });

    it('answers NotFound for an article that does not exist', async () => {
      await refusal(restoreRevision(storage.db, setup.articleId + 100, 1, editor, later(10)), NotFound);
    });

    it('lists revisions newest first with the state each left, who saved and the size of each stored copy', async () => {
      const [first] = await revisionRowsByKey(storage.db, setup.articleId, [1]);
      const list = await revisionPage(storage.db, setup.articleId, 1);
      expect(list.revisions.map((r) => [r.revision, r.status, r.autosave])).toEqual([
        [2, 'published', false],
        [1, 'published', false],
      ]);
      expect(list.revisions[1]!.size).toBe(Buffer.byteLength(first!.snapshot));
      expect([list.page, list.pages, list.older]).toEqual([1, 1, null]);
    });

    it('says "not known" for a revision whose state was never kept', async () => {
      await storage.db
        .updateTable('article_revision')
        .set({ status: null })
        .where('article_id', '=', setup.articleId)
        .where('revision', '=', 1)
        .execute();
      const list = await revisionPage(storage.db, setup.articleId, 1);
      expect(list.revisions.map((r) => r.status)).toEqual(['published', null]);
    });

    it('compares two revisions read by key, and marks an unreadable one', async () => {
      await storage.db
        .updateTable('article_revision')
        .set({ snapshot: '{"slug":' })
        .where('article_id', '=', setup.articleId)
        .where('revision', '=', 1)
        .execute();
      const ctx = await loadSiteContext(storage.db);
      const both = await revisionsToCompare(storage.db, ctx, setup.articleId, 1, 2);
      expect(both.b).toMatchObject({ headline: 'Night ferry approved for April', section: 'Harbour' });
      expect(both.a.headline).toBe('(this revision cannot be read: its stored copy is not readable JSON)');
      await refusal(revisionsToCompare(storage.db, ctx, setup.articleId, 1, 3), NotFound);
      await refusal(revisionsToCompare(storage.db, ctx, setup.articleId + 100, 1, 2), NotFound);
    });
  });
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`revisions saved before the list columns, on ${backend.name}`, () => {
    let storage: TestStorage;
    afterEach(async () => {
      await storage.destroy();
    });

    it('get their size and state from the migration, and "not known" for a copy that is not JSON', async () => {
      storage = await backend.open();
      const { articleId } = await articleWithHistory(storage);
      await storage.db
        .updateTable('article_revision')
        .set({ snapshot: '{"slug":' })
        .where('article_id', '=', articleId)
        .where('revision', '=', 1)
        .execute();
      // Back to the table as it was before the migration, then the migration itself.
      await sql`drop index article_revision_list`.execute(storage.db);
      for (const column of ['autosave', 'size', 'status']) {
        await sql`alter table article_revision drop column ${sql.raw(column)}`.execute(storage.db);
      }
      await addListColumns(storage.db as never, storage.dialect);

      const [second] = await revisionRowsByKey(storage.db, articleId, [2]);
      const list = await revisionPage(storage.db, articleId, 1);
      expect(list.revisions.map((r) => [r.revision, r.status, r.size, r.autosave])).toEqual([
        [2, 'published', Buffer.byteLength(second!.snapshot), false],
        [1, null, Buffer.byteLength('{"slug":'), false],
      ]);
    });
  });
}
