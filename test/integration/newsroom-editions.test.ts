import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEditions } from '../../src/services/edition-admin.js';
import { readSettingRows } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** The Add edition form as an admin fills it for a Japanese edition; wordings left empty take the language's. */
const japanese = (fields: Record<string, string> = {}) => ({
  language: 'ja',
  prefix: '/ja/',
  publicationName: 'デイトライン',
  shortName: 'DL',
  tagline: '東京と世界のニュース',
  timeZoneLabel: '',
  dateStyle: '',
  topArticlesHeading: '',
  rankingHeading: '',
  ...fields,
});

/** The message shown beside a field of the page's form, or null. */
const fieldError = (html: string, field: string): string | null =>
  dom(html).querySelector(`#${field}-error`)?.text ?? null;
const fieldValue = (html: string, field: string): string | null =>
  dom(html).querySelector(`#${field}`)?.getAttribute('value') ?? null;

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the newsroom's editions on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let admin: NewsroomClient;
    let editor: NewsroomClient;
    const editionCount = async () => (await loadEditions(storage.db)).length;
    const setting = async (key: string) =>
      (await readSettingRows(storage.db)).find((r) => r.key === key)?.value ?? null;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      for (const p of [PEOPLE.owner, PEOPLE.eden]) await ensurePerson(storage.db, p);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      admin = new NewsroomClient(t.app);
      editor = new NewsroomClient(t.app);
      await admin.signIn(PEOPLE.owner.email, PASSWORD);
      await editor.signIn(PEOPLE.eden.email, PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('keeps the Editions page and its forms from editors, and refuses a post without the form token', async () => {
      expect((await editor.get('/newsroom/editions')).statusCode).toBe(403);
      await editor.get('/newsroom');
      expect((await editor.post('/newsroom/editions', japanese())).statusCode).toBe(403);
      await admin.get('/newsroom/editions');
      expect((await admin.post('/newsroom/editions', japanese(), { csrf: 'forged' })).statusCode).toBe(403);
      expect(await editionCount()).toBe(1);
    });

    it('lists the first edition at / with its articles, and links it from Settings', async () => {
      const settings = await admin.get('/newsroom/settings');
      expect(dom(settings.body).querySelector('main a[href="/newsroom/editions"]')).not.toBeNull();
      const page = await admin.get('/newsroom/editions');
      expect(page.statusCode).toBe(200);
      const cells = dom(page.body)
        .querySelectorAll('tbody tr')
        .map((tr) => tr.querySelectorAll('td').map((td) => td.text.trim()));
      const articles = (await storage.db.selectFrom('article').select('id').execute()).length;
      expect(cells).toEqual([['Dateline News', 'en', '/', String(articles), 'The sections’ own']]);
      expect(await htmlProblems(page.body)).toEqual([]);
    });

    it('refuses a prefix that is a section’s address and a language tag it cannot read, keeping what was typed', async () => {
      await admin.get('/newsroom/sections');
      await admin.post('/newsroom/sections', { name: 'France', slug: 'fr', parent: '', position: '' });
      await admin.get('/newsroom/editions');
      const res = await admin.post('/newsroom/editions', japanese({ prefix: '/fr/', language: 'japanese' }));
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'prefix')).toBe(
        'A section or page already has the address /fr/; choose another prefix.',
      );
      expect(fieldError(res.body, 'language')).toBe('Give a language tag such as en, ja or zh-Hant.');
      expect(fieldValue(res.body, 'publicationName')).toBe('デイトライン');
      expect(fieldValue(res.body, 'prefix')).toBe('/fr/');
      const reserved = await admin.post('/newsroom/editions', japanese({ prefix: '/api/' }));
      expect(fieldError(reserved.body, 'prefix')).toBe('The site keeps /api/ for itself; choose another prefix.');
      const taken = await admin.post('/newsroom/editions', japanese({ prefix: '/' }));
      expect(fieldError(taken.body, 'prefix')).toBe(
        'Only the first edition is at /; give this one a prefix such as /ja/.',
      );
      expect(await editionCount()).toBe(1);
    });

    it('adds an edition with its language’s wordings and date style where the form left them empty', async () => {
      await admin.get('/newsroom/editions');
      const res = await admin.post('/newsroom/editions', japanese());
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/newsroom/editions?saved=1');
      const ja = (await loadEditions(storage.db)).find((e) => e.language === 'ja');
      expect(ja).toMatchObject({
        prefix: '/ja/',
        position: 1,
        publicationName: 'デイトライン',
        timeZoneLabel: 'JST',
        dateStyle: 'ja',
        topArticlesHeading: '{section}の注目記事',
      });
      expect(ja!.rankingHeading).toContain('ランキング');
      // A second edition in the same language, or at the same prefix, is refused.
      const again = await admin.post('/newsroom/editions', japanese({ language: 'JA' }));
      expect(fieldError(again.body, 'language')).toBe('Another edition is already in ja.');
      expect(fieldError(again.body, 'prefix')).toBe('Another edition already has the prefix /ja/.');
      expect(await editionCount()).toBe(2);
    });

    it('edits an edition, refusing a wording without its placeholder and writing nothing then', async () => {
      const ja = (await loadEditions(storage.db)).find((e) => e.language === 'ja')!;
      const form = await admin.get(`/newsroom/editions/${ja.id}`);
      expect(fieldValue(form.body, 'prefix')).toBe('/ja/');
      const bad = await admin.post(
        `/newsroom/editions/${ja.id}`,
        japanese({ publicationName: '読売', topArticlesHeading: '注目記事' }),
      );
      expect(bad.statusCode).toBe(400);
      expect(fieldError(bad.body, 'topArticlesHeading')).toBe(
        'Put {section} in the wording once, where the name goes.',
      );
      expect(fieldValue(bad.body, 'publicationName')).toBe('読売');
      expect((await loadEditions(storage.db)).find((e) => e.id === ja.id)!.publicationName).toBe('デイトライン');

      const ok = await admin.post(`/newsroom/editions/${ja.id}`, japanese({ publicationName: 'デイトライン新聞' }));
      expect(ok.headers.location).toBe(`/newsroom/editions/${ja.id}?saved=1`);
      expect((await loadEditions(storage.db)).find((e) => e.id === ja.id)!.publicationName).toBe('デイトライン新聞');
      expect((await admin.get('/newsroom/editions/987654')).statusCode).toBe(404);
    });

    it('keeps the first edition at / and its names in step with the site settings, both ways', async () => {
      const [first] = await loadEditions(storage.db);
      await admin.get(`/newsroom/editions/${first!.id}`);
      const res = await admin.post(`/newsroom/editions/${first!.id}`, {
        language: 'en-gb',
        prefix: '/en/',
        publicationName: 'The Harbour Times',
        shortName: 'HT',
        tagline: 'Harbour news',
        timeZoneLabel: 'JST',
        dateStyle: 'en',
        topArticlesHeading: 'Top Articles in {section}',
        rankingHeading: '{shortName} ACCESS RANKING',
      });
      expect(res.statusCode).toBe(303);
      expect((await loadEditions(storage.db))[0]).toMatchObject({
        prefix: '/',
        language: 'en-GB',
        publicationName: 'The Harbour Times',
      });
      expect(await setting('publicationName')).toBe('"The Harbour Times"');
      expect(await setting('language')).toBe('"en-GB"');

      // The Settings page writes the first edition too, and refuses a language another edition is in.
      const settings = await admin.get('/newsroom/settings');
      const values = Object.fromEntries(
        dom(settings.body)
          .querySelectorAll('form[action="/newsroom/settings"] input[name], form[action="/newsroom/settings"] textarea')
          .map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? i.text])
          .filter(([name]) => name !== '_csrf'),
      );
      const clash = await admin.post('/newsroom/settings', { ...values, language: 'ja', feedContent: 'full' });
      expect(clash.statusCode).toBe(400);
      expect(fieldError(clash.body, 'language')).toBe('Another edition is already in ja.');
      expect(await setting('language')).toBe('"en-GB"');
      const saved = await admin.post('/newsroom/settings', {
        ...values,
        publicationName: 'Dateline News',
        shortName: 'DN',
        tagline: 'News from Tokyo and the world',
        language: 'en',
        feedContent: 'full',
      });
      expect(saved.statusCode).toBe(303);
      expect((await loadEditions(storage.db))[0]).toMatchObject({
        language: 'en',
        publicationName: 'Dateline News',
        shortName: 'DN',
        tagline: 'News from Tokyo and the world',
      });
    });

    it('names sections in another edition, refusing clashing, reserved and prefix addresses all or nothing', async () => {
      const ja = (await loadEditions(storage.db)).find((e) => e.language === 'ja')!;
      const sections = await storage.db.selectFrom('section').select(['id', 'slug']).execute();
      const id = (slug: string) => sections.find((s) => s.slug === slug)!.id;
      const sectionsPage = await admin.get('/newsroom/sections');
      expect(dom(sectionsPage.body).querySelector(`a[href="/newsroom/editions/${ja.id}/sections"]`)).not.toBeNull();
      expect((await editor.get(`/newsroom/editions/${ja.id}/sections`)).statusCode).toBe(403);

      await admin.get(`/newsroom/editions/${ja.id}/sections`);
      const refused = await admin.post(`/newsroom/editions/${ja.id}/sections`, {
        [`name_${id('politics')}`]: '政治',
        [`slug_${id('politics')}`]: 'seiji',
        [`name_${id('business')}`]: '経済',
        [`slug_${id('business')}`]: 'sports',
        [`slug_${id('defense-security')}`]: 'ja',
      });
      expect(refused.statusCode).toBe(400);
      expect(fieldError(refused.body, `slug_${id('business')}`)).toBe(
        'The Sports section has the address sports in this edition; choose another.',
      );
      expect(fieldError(refused.body, `slug_${id('defense-security')}`)).toBe(
        '/ja/ is an edition’s prefix; choose another.',
      );
      expect(fieldValue(refused.body, `name_${id('politics')}`)).toBe('政治');
      expect(await storage.db.selectFrom('section_name').selectAll().execute()).toEqual([]);
      const reserved = await admin.post(`/newsroom/editions/${ja.id}/sections`, { [`slug_${id('sports')}`]: 'feed' });
      expect(fieldError(reserved.body, `slug_${id('sports')}`)).toBe('That address is taken by the site.');

      const saved = await admin.post(`/newsroom/editions/${ja.id}/sections`, {
        [`name_${id('politics')}`]: '政治',
        [`slug_${id('politics')}`]: 'seiji',
        [`name_${id('business')}`]: '経済',
      });
      expect(saved.headers.location).toBe(`/newsroom/editions/${ja.id}/sections?saved=1`);
      const rows = await storage.db
        .selectFrom('section_name')
        .select(['section_id', 'name', 'slug'])
        .orderBy('section_id')
        .execute();
      expect(rows).toEqual(
        [
          { section_id: id('politics'), name: '政治', slug: 'seiji' },
          // No address typed: the section's own.
          { section_id: id('business'), name: '経済', slug: 'business' },
        ].sort((a, b) => a.section_id - b.section_id),
      );
      const form = await admin.get(`/newsroom/editions/${ja.id}/sections`);
      expect(fieldValue(form.body, `slug_${id('politics')}`)).toBe('seiji');
      expect(await htmlProblems(form.body)).toEqual([]);
      expect(await htmlProblems((await admin.get(`/newsroom/editions/${ja.id}`)).body)).toEqual([]);

      // The first edition's names are the sections' own.
      const [first] = await loadEditions(storage.db);
      expect((await admin.get(`/newsroom/editions/${first!.id}/sections`)).statusCode).toBe(400);
    });

    it('refuses a top-level section at an edition’s prefix', async () => {
      await admin.get('/newsroom/sections');
      const res = await admin.post('/newsroom/sections', { name: 'Japan', slug: 'ja', parent: '', position: '' });
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'slug')).toBe('/ja/ is an edition’s address; choose another.');
      expect(fieldValue(res.body, 'name')).toBe('Japan');
      // Nor a new section whose address another section already has in an edition that names it so.
      const named = await admin.post('/newsroom/sections', { name: 'Seiji', slug: 'seiji', parent: '', position: '' });
      expect(fieldError(named.body, 'slug')).toBe(
        'In the ja edition, 政治 already has the address seiji; choose another.',
      );
      expect(
        await storage.db.selectFrom('section').select('id').where('slug', 'in', ['ja', 'seiji']).execute(),
      ).toEqual([]);
    });
  });
}
