import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, type Account } from '../../src/services/accounts.js';
import { recentActivity } from '../../src/services/activity.js';
import { emptyForm, type ArticleFormValues } from '../../src/services/article-form.js';
import { addCorrection, correctionsFor } from '../../src/services/corrections.js';
import { headlinesByIds, listNewsroomArticles, loadEditable } from '../../src/services/newsroom-articles.js';
import { ArticleConflict } from '../../src/services/save-article.js';
import { saveFromNewsroom } from '../../src/services/save-from-newsroom.js';
import { loadSiteContext, type SiteContext } from '../../src/services/site-context.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

const draft = (headline: string): ArticleFormValues => ({
  ...emptyForm(),
  headline,
  body: 'A first paragraph.',
  section: 'politics',
  authors: 'mei-aoki',
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`newsroom articles on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let ctx: SiteContext;
    let editor: Account;
    beforeEach(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      ctx = await loadSiteContext(storage.db);
      editor = await createAccount(
        storage.db,
        {
          email: 'desk@example.com',
          name: 'Desk Editor',
          password: 'a long enough password',
          role: 'editor',
        },
        FIXTURE_NOW,
      );
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const setStatus = (id: number, status: string) =>
      storage.db.updateTable('article').set({ status }).where('id', '=', id).execute();

    it('answers a save with the article and the revision it made', async () => {
      const created = await saveFromNewsroom(storage.db, ctx, editor, null, 'save', draft('Harbour fees'), FIXTURE_NOW);
      expect(created.revision).toBe(1);
      const existing = await loadEditable(storage.db, ctx, created.id);
      const again = await saveFromNewsroom(
        storage.db,
        ctx,
        editor,
        existing,
        'save',
        { ...existing!.values, headline: 'Harbour fees rise' },
        FIXTURE_NOW,
      );
      expect(again).toEqual({ id: created.id, revision: 2 });
    });

    it('lists articles with parsed statuses and dates, newest change first', async () => {
      const created = await saveFromNewsroom(
        storage.db,
        ctx,
        editor,
        null,
        'save',
        draft('Harbour fees'),
        new Date(FIXTURE_NOW.getTime() + 60_000),
      );
      const [first] = await listNewsroomArticles(storage.db, { limit: 1 });
      expect(first).toMatchObject({ id: created.id, status: 'draft', publishedAt: null, createdByName: 'Desk Editor' });
      expect(first!.modifiedAt).toBeInstanceOf(Date);
    });

    it('reads a status this version does not know as unpublished', async () => {
      await setStatus(ids.reference, 'archived');
      const rows = await listNewsroomArticles(storage.db, { limit: 50 });
      expect(rows.filter((r) => r.id === ids.reference).map((r) => r.status)).toEqual(['unpublished']);
      expect((await loadEditable(storage.db, ctx, ids.reference))?.status).toBe('unpublished');
    });

    it('filters by a status', async () => {
      await setStatus(ids.business[1]!, 'in_review');
      const rows = await listNewsroomArticles(storage.db, { status: 'in_review', limit: 10 });
      expect(rows.map((r) => r.id)).toEqual([ids.business[1]]);
    });

    it('names the headlines of the articles that exist among the ids asked', async () => {
      const headlines = await headlinesByIds(storage.db, [ids.updated, 987_654]);
      expect([...headlines]).toEqual([[ids.updated, 'Budget vote delayed by a day']]);
      expect(await headlinesByIds(storage.db, [])).toEqual(new Map());
    });

    it('tells activity from the saved snapshots, and lists corrections by kind', async () => {
      // Minutes after the fixture's own saves, so the three come first.
      const minute = (n: number) => new Date(FIXTURE_NOW.getTime() + n * 60_000);
      const created = await saveFromNewsroom(storage.db, ctx, editor, null, 'save', draft('Harbour fees'), minute(1));
      const existing = await loadEditable(storage.db, ctx, created.id);
      await saveFromNewsroom(storage.db, ctx, editor, existing, 'publish', existing!.values, minute(2));
      await addCorrection(
        storage.db,
        created.id,
        { kind: 'clarification', text: 'The fee is per ton.' },
        editor.id,
        minute(3),
      );
      const entries = (await recentActivity(storage.db, 3)).map((e) => [e.articleId, e.by, e.did]);
      expect(entries).toEqual([
        [created.id, 'Desk Editor', 'added a clarification'],
        [created.id, 'Desk Editor', 'published'],
        [created.id, 'Desk Editor', 'started'],
      ]);
      expect((await correctionsFor(storage.db, created.id)).map((c) => c.kind)).toEqual(['clarification']);
    });

    it('tells an autosave rewritten in place from the revision before it, across the gap it leaves', async () => {
      const minute = (n: number) => new Date(FIXTURE_NOW.getTime() + n * 60_000);
      const created = await saveFromNewsroom(storage.db, ctx, editor, null, 'save', draft('Harbour fees'), minute(1));
      for (const [n, headline] of [
        [2, 'Harbour fees rise'],
        [3, 'Harbour fees rise again'],
      ] as const) {
        const open = await loadEditable(storage.db, ctx, created.id);
        await saveFromNewsroom(storage.db, ctx, editor, open, 'autosave', { ...open!.values, headline }, minute(n));
      }
      // Revision 2 was rewritten as revision 3: the list goes 1, 3.
      const entries = (await recentActivity(storage.db, 2)).map((e) => [e.articleId, e.did]);
      expect(entries).toEqual([
        [created.id, 'edited'],
        [created.id, 'started'],
      ]);
    });

    it('lets one of two saves from the same revision win at once and answers the other with a conflict', async () => {
      const created = await saveFromNewsroom(storage.db, ctx, editor, null, 'save', draft('Harbour fees'), FIXTURE_NOW);
      const open = await loadEditable(storage.db, ctx, created.id);
      const attempts = await Promise.allSettled(
        ['Harbour fees rise', 'Harbour fees fall'].map((headline) =>
          saveFromNewsroom(storage.db, ctx, editor, open, 'save', { ...open!.values, headline }, FIXTURE_NOW),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      const refused = attempts.find((a) => a.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(ArticleConflict);
      const rows = await storage.db
        .selectFrom('article_revision')
        .select('revision')
        .where('article_id', '=', created.id)
        .execute();
      expect(rows.map((r) => Number(r.revision)).sort()).toEqual([1, 2]);
    });

    it('keeps a byline or tag typed twice once', async () => {
      const form = { ...draft('Harbour fees'), authors: 'mei-aoki, mei-aoki', tags: 'Tokyo, tokyo, ports' };
      const created = await saveFromNewsroom(storage.db, ctx, editor, null, 'save', form, FIXTURE_NOW);
      const saved = await loadEditable(storage.db, ctx, created.id);
      expect([saved!.values.authors, saved!.values.tags]).toEqual(['mei-aoki', 'tokyo, ports']);
    });

    it('calls a save whose stored copy cannot be read just a save', async () => {
      const created = await saveFromNewsroom(
        storage.db,
        ctx,
        editor,
        null,
        'save',
        draft('Harbour fees'),
        new Date(FIXTURE_NOW.getTime() + 60_000),
      );
      await storage.db
        .updateTable('article_revision')
        .set({ snapshot: 'not json' })
        .where('article_id', '=', created.id)
        .execute();
      expect((await recentActivity(storage.db, 1))[0]).toMatchObject({ articleId: created.id, did: 'saved' });
    });

    it('shows a correction of a kind this version does not know as a correction', async () => {
      await addCorrection(
        storage.db,
        ids.reference,
        { kind: 'correction', text: 'The talks are in March.' },
        editor.id,
        FIXTURE_NOW,
      );
      await storage.db.updateTable('correction').set({ kind: 'retraction' }).execute();
      expect((await correctionsFor(storage.db, ids.reference)).map((c) => c.kind)).toEqual(['correction']);
    });
  });
}
