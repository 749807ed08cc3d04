import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions, saveEdition } from '../../src/services/edition-admin.js';
import { setArticleEdition } from '../../src/storage/repositories/edition.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

const minutesAfter = (m: number) => new Date(FIXTURE_NOW.getTime() + m * 60_000);

/** The editor form of a page as a browser would send it (without its token, which the client adds). */
const editorForm = (html: string): Record<string, string> => {
  const form = dom(html).querySelector('form.nr-editor')!;
  const values: Record<string, string> = {};
  for (const input of form.querySelectorAll('input[name]')) {
    const type = input.getAttribute('type');
    if (type === 'file' || (type === 'checkbox' && input.getAttribute('checked') === undefined)) continue;
    values[input.getAttribute('name')!] = input.getAttribute('value') ?? '';
  }
  for (const area of form.querySelectorAll('textarea[name]')) values[area.getAttribute('name')!] = area.text;
  for (const select of form.querySelectorAll('select[name]'))
    values[select.getAttribute('name')!] =
      select.querySelector('option[selected]')?.getAttribute('value') ??
      select.querySelector('option')?.getAttribute('value') ??
      '';
  delete values._csrf;
  return values;
};

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`translations in the newsroom on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let ids: FixtureIds;
    let editor: NewsroomClient;
    let contributor: NewsroomClient;
    let jaId: number;
    const articleCount = async () => (await storage.db.selectFrom('article').select('id').execute()).length;
    const links = () =>
      storage.db
        .selectFrom('article_translation')
        .select(['article_id', 'translation_id', 'source_updated_at'])
        .orderBy('translation_id')
        .execute();
    const articleRow = (id: number) =>
      storage.db.selectFrom('article').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    /** Saves the article through its editor form, with `changes` over what the form holds. */
    const saveThroughEditor = async (client: NewsroomClient, id: number, changes: Record<string, string>) => {
      const page = await client.get(`/newsroom/articles/${id}`);
      return client.post(`/newsroom/articles/${id}`, { ...editorForm(page.body), ...changes });
    };
    /** Translates article `id` into the Japanese edition as `client`; the new article's id. */
    const translate = async (client: NewsroomClient, id: number) => {
      await client.get(`/newsroom/articles/${id}`);
      const res = await client.post(`/newsroom/articles/${id}/translate`, { edition: String(jaId) });
      const made = /^\/newsroom\/articles\/(\d+)\?saved=translated$/.exec(String(res.headers.location ?? ''));
      if (res.statusCode !== 303 || !made) throw new Error(`not translated: ${res.statusCode} ${res.body}`);
      return Number(made[1]);
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      for (const p of [PEOPLE.eden, PEOPLE.casey]) await ensurePerson(storage.db, p);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      editor = new NewsroomClient(t.app);
      contributor = new NewsroomClient(t.app);
      await editor.signIn(PEOPLE.eden.email, PASSWORD);
      await contributor.signIn(PEOPLE.casey.email, PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('shows nothing of editions on a site with one edition', async () => {
      const page = dom((await editor.get(`/newsroom/articles/${ids.reference}`)).body);
      expect(page.querySelector('.nr-translations')).toBeNull();
      expect(page.querySelector('.nr-status')!.text).not.toContain('Edition');
      const list = dom((await editor.get('/newsroom/articles')).body);
      expect(list.querySelectorAll('thead th').map((th) => th.text)).toEqual(['Headline', 'Status', 'When', 'By']);
      expect(list.querySelector('nav[aria-label="Filter by edition"]')).toBeNull();
      expect(await htmlProblems((await editor.get('/newsroom')).body)).toEqual([]);
    });

    it('translates a live article into a linked draft in the chosen edition, a copy of it to write over', async () => {
      jaId = await saveEdition(storage.db, null, {
        language: 'ja',
        prefix: '/ja/',
        publicationName: 'デイトライン',
        shortName: 'DL',
        tagline: '',
      });
      await t.site.refresh();
      const source = await articleRow(ids.reference);
      const id = await translate(editor, ids.reference);

      const draft = await articleRow(id);
      expect(draft).toMatchObject({
        edition_id: jaId,
        status: 'draft',
        headline: source.headline,
        body: source.body,
        section_id: source.section_id,
        photo_media_id: source.photo_media_id,
        published_at: null,
      });
      expect(await links()).toEqual([{ article_id: ids.reference, translation_id: id, source_updated_at: null }]);
      const bylines = (articleId: number) =>
        storage.db
          .selectFrom('article_author')
          .select('author_id')
          .where('article_id', '=', articleId)
          .orderBy('position')
          .execute();
      expect(await bylines(id)).toEqual(await bylines(ids.reference));

      // The translation's editor: its edition, and the source beside it, read-only, in the source's language.
      const page = await editor.get(`/newsroom/articles/${id}?saved=translated`);
      const doc = dom(page.body);
      expect(doc.querySelector('.nr-notice')!.text).toBe(
        'A draft in this edition, copied from the source beside it: write the translation over it.',
      );
      expect(doc.querySelector('.nr-status')!.text).toContain('Edition: デイトライン (ja)');
      const aside = doc.querySelector('.nr-side-by-side aside.nr-source')!;
      expect(aside.querySelector('details')!.getAttribute('open')).not.toBeUndefined();
      expect(aside.querySelector('h3')!.text).toBe(source.headline);
      expect(aside.querySelector('[lang]')!.getAttribute('lang')).toBe('en');
      expect(aside.querySelectorAll('input, textarea')).toEqual([]);
      expect(doc.querySelector('.nr-translations a')!.getAttribute('href')).toBe(`/newsroom/articles/${ids.reference}`);
      expect(await htmlProblems(page.body)).toEqual([]);

      // The source's editor lists the translation with its edit link, and offers no edition left to translate into.
      const sourcePage = dom((await editor.get(`/newsroom/articles/${ids.reference}`)).body);
      const listed = sourcePage.querySelector('.nr-translations li')!;
      expect(listed.text).toContain('Translation in デイトライン (ja)');
      expect(listed.querySelector('a')!.getAttribute('href')).toBe(`/newsroom/articles/${id}`);
      expect(sourcePage.querySelector(`form[action="/newsroom/articles/${ids.reference}/translate"]`)).toBeNull();
    });

    it('refuses a second translation into an edition that has one, with the sentence, writing nothing', async () => {
      const before = await articleCount();
      await editor.get(`/newsroom/articles/${ids.reference}`);
      const again = await editor.post(`/newsroom/articles/${ids.reference}/translate`, { edition: String(jaId) });
      expect(again.statusCode).toBe(400);
      const [link] = await links();
      expect(dom(again.body).querySelector('#translate-edition-error')?.text).toBe(
        `Article ${ids.reference} already has a translation in the ja edition (article ${link!.translation_id}).`,
      );
      // Translating the translation makes no chain: the source already has its ja translation.
      const fromTranslation = await editor.post(`/newsroom/articles/${link!.translation_id}/translate`, {
        edition: String(jaId),
      });
      expect(fromTranslation.statusCode).toBe(400);
      const nowhere = await editor.post(`/newsroom/articles/${ids.reference}/translate`, { edition: 'x' });
      expect(dom(nowhere.body).querySelector('#translate-edition-error')?.text).toBe(
        'Choose an edition to translate into.',
      );
      expect(await articleCount()).toBe(before);
    });

    it('lets a contributor translate only what they may edit, and refuses a post without the form token', async () => {
      const before = await articleCount();
      await contributor.get('/newsroom');
      const others = await contributor.post(`/newsroom/articles/${ids.politics[0]}/translate`, {
        edition: String(jaId),
      });
      expect(others.statusCode).toBe(403);
      const { id: own } = await contributor.createArticle({
        headline: 'Harbour fees',
        body: 'A first paragraph.',
        section: 'business',
        action: 'save',
      });
      await editor.get(`/newsroom/articles/${ids.politics[1]}`);
      const forged = await editor.post(
        `/newsroom/articles/${ids.politics[1]}/translate`,
        { edition: String(jaId) },
        { csrf: 'forged' },
      );
      expect(forged.statusCode).toBe(403);
      expect(await articleCount()).toBe(before + 1);
      const translation = await translate(contributor, own);
      expect((await articleRow(translation)).created_by).toBe((await articleRow(own)).created_by);
      // Contributors neither link nor unlink.
      const unlink = await contributor.post(`/newsroom/articles/${own}/translations/unlink`, {
        other: String(translation),
      });
      expect(unlink.statusCode).toBe(403);
    });

    it('links an existing article by its address, refuses a second one into the same edition, and unlinks', async () => {
      const [a, b, c] = ids.politics;
      for (const id of [b!, c!]) await setArticleEdition(storage.db, id, jaId);
      await editor.get(`/newsroom/articles/${a}`);
      const linked = await editor.post(`/newsroom/articles/${a}/translations`, {
        other: `http://127.0.0.1:3000/ja/politics/20260121-${b}/`,
        role: 'source',
      });
      expect(linked.headers.location).toBe(`/newsroom/articles/${a}?saved=linked`);
      expect((await links()).filter((l) => l.article_id === a).map((l) => l.translation_id)).toEqual([b]);

      const second = await editor.post(`/newsroom/articles/${c}/translations`, {
        other: String(a),
        role: 'translation',
      });
      expect(second.statusCode).toBe(400);
      const doc = dom(second.body);
      expect(doc.querySelector('#translation-other-error')?.text).toBe(
        `Article ${a} already has a translation in the ja edition (article ${b}); unlink that one first.`,
      );
      expect(doc.querySelector('#translation-other')!.getAttribute('value')).toBe(String(a));
      expect(doc.querySelector('#translation-role option[selected]')!.getAttribute('value')).toBe('translation');
      const nonsense = await editor.post(`/newsroom/articles/${c}/translations`, {
        other: 'yesterday',
        role: 'source',
      });
      expect(dom(nonsense.body).querySelector('#translation-other-error')?.text).toBe(
        'Give the other article’s number, or its address such as /politics/20260121-12/.',
      );
      const missing = await editor.post(`/newsroom/articles/${c}/translations`, { other: '987654', role: 'source' });
      expect(missing.statusCode).toBe(404);
      expect(dom(missing.body).querySelector('#translation-other-error')?.text).toBe('There is no article 987654.');

      const unlinked = await editor.post(`/newsroom/articles/${b}/translations/unlink`, { other: String(a) });
      expect(unlinked.headers.location).toBe(`/newsroom/articles/${b}?saved=unlinked`);
      expect((await links()).some((l) => l.article_id === a)).toBe(false);
      const twice = await editor.post(`/newsroom/articles/${b}/translations/unlink`, { other: String(a) });
      expect(twice.statusCode).toBe(404);
      expect(dom(twice.body).querySelector('#translation-other-error')?.text).toBe(
        `Articles ${b} and ${a} are not linked as translations.`,
      );
    });

    it('marks a live translation “source updated” on its source’s significant update, until dismissed or updated', async () => {
      const [link] = (await links()).filter((l) => l.article_id === ids.reference);
      const translation = link!.translation_id;
      t.setNow(minutesAfter(10));
      expect((await saveThroughEditor(editor, translation, { action: 'publish' })).statusCode).toBe(303);

      // A save that is not a significant update marks nothing; one that is, marks the live translation.
      t.setNow(minutesAfter(20));
      await saveThroughEditor(editor, ids.reference, { action: 'save' });
      expect((await links()).find((l) => l.translation_id === translation)!.source_updated_at).toBeNull();
      t.setNow(minutesAfter(30));
      await saveThroughEditor(editor, ids.reference, { action: 'save', significant: 'on' });
      expect(Number((await links()).find((l) => l.translation_id === translation)!.source_updated_at)).toBe(
        minutesAfter(30).getTime(),
      );

      const desk = await editor.get('/newsroom');
      const box = dom(desk.body).querySelector('section[aria-labelledby="source-updated"]')!;
      expect(box.querySelectorAll('tbody tr a').map((a) => a.getAttribute('href'))).toEqual([
        `/newsroom/articles/${translation}`,
        `/newsroom/articles/${ids.reference}`,
      ]);
      expect(await htmlProblems(desk.body)).toEqual([]);
      expect(dom((await contributor.get('/newsroom')).body).querySelector('#source-updated')).toBeNull();
      expect(dom((await editor.get(`/newsroom/articles/${translation}`)).body).text).toContain('Source updated');

      // Dismissed from the desk: gone. Marked again, then the translation's own significant update clears it.
      const dismiss = await editor.post(`/newsroom/articles/${translation}/source-updated/dismiss`, {});
      expect(dismiss.headers.location).toBe('/newsroom');
      expect((await links()).find((l) => l.translation_id === translation)!.source_updated_at).toBeNull();
      expect(dom((await editor.get('/newsroom')).body).querySelector('#source-updated')).toBeNull();
      expect((await editor.post(`/newsroom/articles/${translation}/source-updated/dismiss`, {})).statusCode).toBe(404);

      t.setNow(minutesAfter(40));
      await saveThroughEditor(editor, ids.reference, { action: 'save', significant: 'on' });
      expect((await links()).find((l) => l.translation_id === translation)!.source_updated_at).not.toBeNull();
      t.setNow(minutesAfter(50));
      await saveThroughEditor(editor, translation, { action: 'save', significant: 'on' });
      expect((await links()).find((l) => l.translation_id === translation)!.source_updated_at).toBeNull();
    });

    it('moves a new draft into another edition, and refuses to move a live or linked article', async () => {
      const { id } = await editor.createArticle({
        headline: '港の新しい時刻表',
        body: '最終便は23時40分。',
        section: 'business',
        action: 'save',
      });
      const page = dom((await editor.get(`/newsroom/articles/${id}`)).body);
      expect(page.querySelector('#move-edition option')!.text).toBe('デイトライン (ja)');
      const moved = await editor.post(`/newsroom/articles/${id}/edition`, { edition: String(jaId) });
      expect(moved.headers.location).toBe(`/newsroom/articles/${id}?saved=moved`);
      expect((await articleRow(id)).edition_id).toBe(jaId);
      // In the Japanese edition now, with nowhere left to move (the form is gone) and an English one refused.
      const [first] = await loadEditions(storage.db);
      const back = await editor.post(`/newsroom/articles/${ids.reference}/edition`, { edition: String(jaId) });
      expect(back.statusCode).toBe(400);
      expect(dom(back.body).querySelector('#move-edition-error')?.text).toBe(
        'Only a draft that has never been published can move to another edition.',
      );
      const [link] = (await links()).filter((l) => l.article_id === ids.reference);
      await saveThroughEditor(editor, link!.translation_id, { action: 'unpublish' });
      const linked = await editor.post(`/newsroom/articles/${link!.translation_id}/edition`, {
        edition: String(first!.id),
      });
      expect(linked.statusCode).toBe(400);
      expect((await articleRow(link!.translation_id)).edition_id).toBe(jaId);
      const casey = await contributor.post(`/newsroom/articles/${id}/edition`, { edition: String(first!.id) });
      expect(casey.statusCode).toBe(403);
      expect((await articleRow(id)).edition_id).toBe(jaId);
    });

    it('names each article’s edition in the list and filters by edition', async () => {
      const editions = await loadEditions(storage.db);
      const list = dom((await editor.get(`/newsroom/articles?edition=${jaId}`)).body);
      const rows = list.querySelectorAll('tbody tr');
      const jaArticles = await storage.db.selectFrom('article').select('id').where('edition_id', '=', jaId).execute();
      expect(rows.length).toBe(jaArticles.length);
      expect(rows.map((r) => r.querySelector('td[data-label="Edition"]')!.text)).toEqual(rows.map(() => 'ja'));
      expect(list.querySelectorAll('nav[aria-label="Filter by edition"] a').map((a) => a.getAttribute('href'))).toEqual(
        ['/newsroom/articles', ...editions.map((e) => `/newsroom/articles?edition=${e.id}`)],
      );
      expect((await editor.get('/newsroom/articles?edition=987654')).statusCode).toBe(400);
    });
  });
}
