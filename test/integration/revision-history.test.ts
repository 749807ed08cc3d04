import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { paragraph } from '../../src/domain/body.js';
import type { Account } from '../../src/services/accounts.js';
import { emptyForm, type ArticleFormValues } from '../../src/services/article-form.js';
import { WorkflowRefused } from '../../src/services/errors.js';
import { mergeAfterConflict } from '../../src/services/merge-after-conflict.js';
import { loadEditable } from '../../src/services/newsroom-articles.js';
import { revisionPage, revisionsToCompare } from '../../src/services/revisions.js';
import { ArticleConflict, saveArticle } from '../../src/services/save-article.js';
import { saveFromNewsroom } from '../../src/services/save-from-newsroom.js';
import { loadSiteContext, type SiteContext } from '../../src/services/site-context.js';
import { countRevisionRows } from '../../src/storage/repositories/revision.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';
import { refusal } from '../support/refusal.js';

const later = (seconds: number) => new Date(FIXTURE_NOW.getTime() + seconds * 1000);

const draft = (headline: string, body: string): ArticleFormValues => ({
  ...emptyForm(),
  headline,
  body,
  section: 'politics',
  authors: 'mei-aoki',
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`autosaves on ${backend.name}`, () => {
    let storage: TestStorage;
    let ctx: SiteContext;
    let writer: Account;
    let editor: Account;
    beforeEach(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      ctx = await loadSiteContext(storage.db);
      writer = await ensurePerson(storage.db, PEOPLE.pat);
      editor = await ensurePerson(storage.db, PEOPLE.eden);
    });
    afterEach(async () => {
      await storage.destroy();
    });

    const open = async (id: number) => (await loadEditable(storage.db, ctx, id))!;

    /** The writer's first Save of a new draft. */
    const started = (body: string) =>
      saveFromNewsroom(storage.db, ctx, writer, null, 'save', draft('Harbour fees', body), later(0));

    /** Saves the article as it now stands with one field changed, as `who` would from the editor. */
    const change = async (who: Account, id: number, action: string, field: Partial<ArticleFormValues>, at: Date) => {
      const existing = await open(id);
      return saveFromNewsroom(storage.db, ctx, who, existing, action, { ...existing.values, ...field }, at);
    };

    it('keeps two revisions, not eleven, for ten autosaves and then a Save', async () => {
      const { id } = await saveFromNewsroom(
        storage.db,
        ctx,
        writer,
        null,
        'autosave',
        draft('Harbour fees', 'Paragraph 1.'),
        later(0),
      );
      for (let n = 2; n <= 10; n++) await change(writer, id, 'autosave', { body: `Paragraph ${n}.` }, later(15 * n));
      const saved = await change(writer, id, 'save', { body: 'Paragraph 11.' }, later(200));

      expect(await countRevisionRows(storage.db, id)).toBe(2);
      const list = await revisionPage(storage.db, id, 1);
      // The counter moved on every save: the autosave row carries the number of the last autosave.
      expect(list.revisions.map((r) => [r.revision, r.autosave, r.savedBy])).toEqual([
        [11, false, 'Pat Writer'],
        [10, true, 'Pat Writer'],
      ]);
      expect(saved.revision).toBe(11);
      expect(list.revisions[1]!.savedAt).toEqual(later(150));
      const both = await revisionsToCompare(storage.db, ctx, id, 10, 11);
      expect([both.a.body, both.b.body]).toEqual(['Paragraph 10.', 'Paragraph 11.']);
    });

    it('adds a revision for an autosave after a Save, or after somebody else autosaved', async () => {
      const { id } = await started('One.');
      await change(writer, id, 'autosave', { body: 'Two.' }, later(15));
      await change(editor, id, 'autosave', { body: 'Three.' }, later(30));
      await change(writer, id, 'autosave', { body: 'Four.' }, later(45));
      await change(writer, id, 'autosave', { body: 'Five.' }, later(60));
      const list = await revisionPage(storage.db, id, 1);
      expect(list.revisions.map((r) => [r.revision, r.autosave, r.savedBy])).toEqual([
        [5, true, 'Pat Writer'],
        [3, true, 'Eden Editor'],
        [2, true, 'Pat Writer'],
        [1, false, 'Pat Writer'],
      ]);
    });

    it('still moves the revision number on every autosave, so a save begun earlier is a conflict and merges', async () => {
      const { id } = await started('One.');
      const editorsCopy = await open(id);
      await change(writer, id, 'autosave', { body: 'One.\n\nTwo.' }, later(15));
      const seenAtTwo = await open(id);
      await change(writer, id, 'autosave', { body: 'One.\n\nTwo.\n\nThree.' }, later(30));

      // Whether the editor began before the autosaves or at the one since rewritten, their save is refused.
      for (const began of [editorsCopy, seenAtTwo]) {
        const mine = { ...began.values, headline: 'Harbour fees rise' };
        const conflict = await refusal(
          saveFromNewsroom(storage.db, ctx, editor, began, 'save', mine, later(40)),
          ArticleConflict,
        );
        expect(conflict.currentRevision).toBe(3);
        expect((await open(id)).values.body).toBe('One.\n\nTwo.\n\nThree.');
      }
      // From the Save both began at, the merge keeps the editor's headline and the writer's autosaved words.
      const mine = { ...editorsCopy.values, headline: 'Harbour fees rise' };
      const merged = await mergeAfterConflict(storage.db, ctx, new ArticleConflict(id, 3), mine, []);
      expect(merged.view.conflicts).toEqual([]);
      expect([merged.values.headline, merged.values.body, merged.values.revision]).toEqual([
        'Harbour fees rise',
        'One.\n\nTwo.\n\nThree.',
        '3',
      ]);
      expect(merged.view.by).toBe('Pat Writer');
    });

    it.each([
      ['published', 'publish'],
      ['in review', 'submit'],
    ])('refuses to autosave an article %s, with a 409 and nothing written', async (_state, action) => {
      const { id } = await saveFromNewsroom(
        storage.db,
        ctx,
        editor,
        null,
        action,
        draft('Harbour fees', 'One.'),
        later(0),
      );
      const error = await refusal(change(editor, id, 'autosave', { body: 'Changed.' }, later(15)), WorkflowRefused);
      expect(error.status).toBe(409);
      const after = await open(id);
      expect([after.values.body, after.revision]).toEqual(['One.', 1]);
      expect(await countRevisionRows(storage.db, id)).toBe(1);
    });
  });

  describe.skipIf(backend.skipReason !== null)(`revision pages on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let ids: FixtureIds;
    let eden: NewsroomClient;
    let articleId: number;
    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      const account = await ensurePerson(storage.db, PEOPLE.eden);
      eden = new NewsroomClient(t.app);
      await eden.signIn(PEOPLE.eden.email, PASSWORD);
      // 120 revisions whose bodies say which they are.
      const input = {
        slug: 'long-history',
        headline: 'A long history',
        standfirst: null,
        sectionId: ids.sections.politics,
        authorIds: [],
        tags: [],
        photo: null,
        status: 'draft' as const,
        publishedAt: null,
        updatedAt: null,
      };
      const version = (n: number) => [paragraph(`Version ${n}.`)];
      articleId = await saveArticle(storage.db, null, { ...input, body: version(1) }, later(0), {
        savedBy: account.id,
      });
      for (let n = 2; n <= 120; n++) {
        await saveArticle(storage.db, articleId, { ...input, body: version(n) }, later(n), { savedBy: account.id });
      }
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    const revisionsPage = (query: string) => eden.get(`/newsroom/articles/${articleId}/revisions${query}`);
    const listed = (body: string) =>
      dom(body)
        .querySelectorAll('tbody tr')
        .map((row) => Number(row.querySelectorAll('td')[2]!.text));

    it('lists fifty revisions a page, newest first, with links to the pages either side', async () => {
      const res = await revisionsPage('?page=2');
      expect(res.statusCode).toBe(200);
      expect(listed(res.body)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));
      const page = dom(res.body);
      expect(await htmlProblems(res.body)).toEqual([]);
      expect(page.querySelector('.nr-pages span')!.text).toBe('Page 2 of 3');
      expect(page.querySelector('a[rel="prev"]')!.getAttribute('href')).toBe(
        `/newsroom/articles/${articleId}/revisions`,
      );
      expect(page.querySelector('a[rel="next"]')!.getAttribute('href')).toBe(
        `/newsroom/articles/${articleId}/revisions?page=3`,
      );
      expect(listed((await revisionsPage('')).body)[0]).toBe(120);
      expect(listed((await revisionsPage('?page=3')).body)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    });

    it('compares two revisions from beyond the first page, and across pages', async () => {
      for (const [query, a, b] of [
        ['?page=3&a=3&b=15', 3, 15],
        ['?page=2&a=5&b=118', 5, 118],
      ] as const) {
        const res = await revisionsPage(query);
        expect(res.statusCode).toBe(200);
        const page = dom(res.body);
        expect(page.querySelector('#changes')!.text).toBe(`Changes from revision ${a} to ${b}`);
        expect(page.querySelector('.diff-removed')!.text).toContain(`Version ${a}.`);
        expect(page.querySelector('.diff-added')!.text).toContain(`Version ${b}.`);
      }
      const third = dom((await revisionsPage('?page=3&a=3&b=15')).body);
      expect(third.querySelector('input[name="a"][checked]')!.getAttribute('value')).toBe('3');
      expect(third.querySelector('input[name="page"]')!.getAttribute('value')).toBe('3');
    });

    it("answers the editor's autosave with the revision it made, and refuses one of a live article", async () => {
      const json = { headers: { accept: 'application/json' } };
      const form = {
        headline: 'Autosaved from the editor',
        standfirst: '',
        body: 'Typed.',
        section: 'politics',
        authors: 'mei-aoki',
        tags: '',
        slug: '',
        seoDescription: '',
      };
      await eden.get('/newsroom/articles/new');
      const created = await eden.post('/newsroom/articles', { ...form, action: 'autosave' }, json);
      expect(created.statusCode).toBe(200);
      const { id, revision } = created.json<{ id: number; revision: number }>();
      const again = await eden.post(
        `/newsroom/articles/${id}`,
        { ...form, body: 'Typed more.', action: 'autosave', revision: String(revision) },
        json,
      );
      expect(again.json()).toEqual({ id, revision: revision + 1 });
      expect(await countRevisionRows(storage.db, id)).toBe(1);
      const published = await eden.post(
        `/newsroom/articles/${id}`,
        { ...form, body: 'Typed more.', action: 'publish', revision: String(revision + 1) },
        json,
      );
      expect(published.statusCode).toBe(200);
      const refused = await eden.post(
        `/newsroom/articles/${id}`,
        { ...form, body: 'Not for readers yet.', action: 'autosave', revision: String(revision + 2) },
        json,
      );
      expect(refused.statusCode).toBe(409);
      const row = await storage.db
        .selectFrom('article')
        .select(['body_text', 'revision'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect([row.body_text.includes('Not for readers yet.'), row.revision]).toEqual([false, revision + 2]);
    });

    it('answers a page past the last with 404, and a page that is not a number with 400', async () => {
      expect((await revisionsPage('?page=4')).statusCode).toBe(404);
      for (const query of ['?page=0', '?page=two', '?page=-1', '?page=1&page=2']) {
        expect((await revisionsPage(query)).statusCode, query).toBe(400);
      }
      expect((await revisionsPage('?a=1&b=121')).statusCode).toBe(404);
    });
  });
}
