import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PAGES } from '../../src/demo/demo-pages.js';
import { importPage, ImportError } from '../../src/services/import-page.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import { writeDemoPages } from '../../src/services/seed-demo.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/** A page's form as the editor posts it; `action` is the button pressed. */
const pageForm = (fields: Partial<Record<'title' | 'slug' | 'body' | 'revision' | 'action', string>>) => ({
  title: '',
  slug: '',
  body: '',
  revision: '',
  action: 'save',
  ...fields,
});

/** The id in the address a save redirects to, or throws with what came back instead. */
const savedId = (res: { statusCode: number; headers: Record<string, unknown>; body: string }): number => {
  const match = /^\/newsroom\/pages\/(\d+)\?saved=/.exec(String(res.headers.location ?? ''));
  if (res.statusCode !== 303 || !match) throw new Error(`the page was not saved: ${res.statusCode} ${res.body}`);
  return Number(match[1]);
};

/** The text of each link of the site footer's list of pages, in order. */
const footerLinks = (html: string): string[] =>
  dom(html)
    .querySelectorAll('.site-footer .footer-pages a')
    .map((a) => `${a.text} ${a.getAttribute('href')}`);

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`pages of the publication on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let editor: NewsroomClient;
    let admin: NewsroomClient;
    let contributor: NewsroomClient;
    const reader = (url: string) => t.app.inject({ url });
    /** The number of pages stored: what a refused request must leave unchanged. */
    const pageCount = async () => (await storage.db.selectFrom('page').select('id').execute()).length;

    /** Saves a new page as the editor, with `action` pressed; its id. */
    const newPage = async (fields: Parameters<typeof pageForm>[0]) => {
      await editor.get('/newsroom/pages/new');
      return savedId(await editor.postMultipart('/newsroom/pages', pageForm(fields)));
    };
    /** The revision the page's editor form carries now. */
    const revisionOf = async (id: number): Promise<string> =>
      dom((await editor.get(`/newsroom/pages/${id}`)).body)
        .querySelector('input[name="revision"]')!
        .getAttribute('value')!;

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      for (const p of [PEOPLE.eden, PEOPLE.owner, PEOPLE.casey]) await ensurePerson(storage.db, p);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      editor = new NewsroomClient(t.app);
      admin = new NewsroomClient(t.app);
      contributor = new NewsroomClient(t.app);
      await editor.signIn(PEOPLE.eden.email, PASSWORD);
      await admin.signIn(PEOPLE.owner.email, PASSWORD);
      await contributor.signIn(PEOPLE.casey.email, PASSWORD);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('keeps a draft from readers, serves it at /{slug}/ once published, and 404s it again when unpublished', async () => {
      const id = await newPage({ title: 'About us', slug: 'about', body: 'We are a **small** paper.' });
      expect((await reader('/about/')).statusCode).toBe(404);

      const published = await editor.postMultipart(
        `/newsroom/pages/${id}`,
        pageForm({
          title: 'About us',
          slug: 'about',
          body: 'We are a **small** paper.',
          revision: await revisionOf(id),
          action: 'publish',
        }),
      );
      expect(published.headers.location).toBe(`/newsroom/pages/${id}?saved=published`);
      const page = await reader('/about/');
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
      const doc = dom(page.body);
      expect(doc.querySelector('h1')?.text).toBe('About us');
      expect(doc.querySelector('.article-body p')?.innerHTML).toBe('We are a <strong>small</strong> paper.');
      expect(doc.querySelector('link[rel="canonical"]')?.getAttribute('href')).toBe('http://127.0.0.1:3000/about/');
      expect(await htmlProblems(page.body)).toEqual([]);
      // Cached like every reader page: the second answer comes from memory.
      expect((await reader('/about/')).headers['x-cache']).toBe('HIT');

      await editor.postMultipart(
        `/newsroom/pages/${id}`,
        pageForm({
          title: 'About us',
          slug: 'about',
          body: 'We are a **small** paper.',
          revision: await revisionOf(id),
          action: 'unpublish',
        }),
      );
      expect((await reader('/about/')).statusCode).toBe(404);
    });

    it('moves /{slug} to /{slug}/ permanently, and answers a page number on a page with 404', async () => {
      await newPage({ title: 'Contact', slug: 'contact', body: 'Write to us.', action: 'publish' });
      const moved = await reader('/contact');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe('/contact/');
      expect((await reader('/contact/?page=2')).statusCode).toBe(404);
      expect((await reader('/no-such-page/')).statusCode).toBe(404);
    });

    it('makes the address from the title when none is typed', async () => {
      const id = await newPage({ title: 'Terms of Use', body: 'Be kind.', action: 'publish' });
      expect((await reader('/terms-of-use/')).statusCode).toBe(200);
      const form = dom((await editor.get(`/newsroom/pages/${id}`)).body);
      expect(form.querySelector('input[name="slug"]')?.getAttribute('value')).toBe('terms-of-use');
    });

    it('gives back everything typed, with the message by its field, when a save is refused', async () => {
      const before = await pageCount();
      const res = await editor.postMultipart(
        '/newsroom/pages',
        pageForm({ title: '', slug: 'Not A Slug!', body: 'Kept paragraph.\n\n## Kept heading' }),
      );
      expect(res.statusCode).toBe(400);
      const doc = dom(res.body);
      expect(doc.querySelector('#title-error')?.text).toBe('Give the page a title.');
      expect(doc.querySelector('input[name="slug"]')?.getAttribute('value')).toBe('Not A Slug!');
      expect(doc.querySelector('textarea#body')?.text).toBe('Kept paragraph.\n\n## Kept heading');
      expect(await pageCount()).toBe(before);
    });

    it('places an image at the end of the body from the form, once it has alt text', async () => {
      await editor.get('/newsroom/pages/new');
      const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#446688' } })
        .png()
        .toBuffer();
      const file = { field: 'bodyImage', name: 'harbour.png', type: 'image/png', bytes: png };
      const fields = { ...pageForm({ title: 'Our Harbour Office', body: 'Find us by the quay.' }), bodyImageAlt: ' ' };
      const before = await pageCount();
      const noAlt = await editor.postMultipart('/newsroom/pages', fields, file);
      expect(noAlt.statusCode).toBe(400);
      expect(dom(noAlt.body).querySelector('#bodyImageAlt-error')?.text).toBe(
        'Describe the image for readers who cannot see it, then choose the file again.',
      );
      expect(await pageCount()).toBe(before);

      const withAlt = { ...fields, bodyImageAlt: 'The harbour office door', bodyImageCaption: 'Open on weekdays' };
      const id = savedId(await editor.postMultipart('/newsroom/pages', withAlt, file));
      const body = dom((await editor.get(`/newsroom/pages/${id}`)).body).querySelector('textarea#body')?.text ?? '';
      const [first, image] = body.split('\n\n');
      expect(first).toBe('Find us by the quay.');
      expect(image).toMatch(/^!\[The harbour office door\]\(media:\d+\)/);
      expect(image).toContain('Open on weekdays');
    });

    it('refuses a contributor every page route with 403, and writes nothing', async () => {
      const before = await pageCount();
      expect((await contributor.get('/newsroom/pages')).statusCode).toBe(403);
      expect((await contributor.get('/newsroom/pages/new')).statusCode).toBe(403);
      const post = await contributor.postMultipart('/newsroom/pages', pageForm({ title: 'Mine', body: 'Text.' }));
      expect(post.statusCode).toBe(403);
      expect(await pageCount()).toBe(before);
      // The newsroom's menu offers Pages only to those who may use it.
      expect(dom((await contributor.get('/newsroom')).body).querySelector('a[href="/newsroom/pages"]')).toBeNull();
      expect(dom((await editor.get('/newsroom')).body).querySelector('a[href="/newsroom/pages"]')?.text).toBe('Pages');
    });

    it('answers a page that does not exist, or an address that is no id, with 404', async () => {
      expect((await editor.get('/newsroom/pages/999999')).statusCode).toBe(404);
      expect((await editor.get('/newsroom/pages/999999/revisions')).statusCode).toBe(404);
      expect((await editor.get('/newsroom/pages/about')).statusCode).toBe(404);
      const save = await editor.postMultipart('/newsroom/pages/999999', pageForm({ title: 'Ghost', body: 'x' }));
      expect(save.statusCode).toBe(404);
    });

    it('refuses a save without the form token, and one posted from another site', async () => {
      const before = await pageCount();
      await editor.get('/newsroom/pages/new');
      const noToken = await editor.postMultipart(
        '/newsroom/pages',
        pageForm({ title: 'Forged', body: 'x' }),
        undefined,
        {
          csrf: null,
        },
      );
      expect(noToken.statusCode).toBe(403);
      expect(noToken.body).toContain('This form has expired');
      const crossSite = await editor.postMultipart(
        '/newsroom/pages',
        pageForm({ title: 'Forged', body: 'x' }),
        undefined,
        {
          headers: { 'sec-fetch-site': 'cross-site' },
        },
      );
      expect(crossSite.statusCode).toBe(403);
      expect(await pageCount()).toBe(before);
    });

    it.each([
      ['politics', 'A section already has the address /politics/; choose another.'],
      ['defense-security', 'A section already has the address /defense-security/; choose another.'],
      ['feed', 'The site keeps /feed/ for itself; choose another address.'],
      ['newsroom', 'The site keeps /newsroom/ for itself; choose another address.'],
    ])('refuses the address %s with a message', async (slug, message) => {
      const res = await editor.postMultipart('/newsroom/pages', pageForm({ title: 'Clash', slug, body: 'x' }));
      expect(res.statusCode).toBe(400);
      expect(dom(res.body).querySelector('#slug-error')?.text).toBe(message);
    });

    it("refuses an edition's address: /ja/ is the Japanese edition's home", async () => {
      await insertEditionRow(storage.db, { language: 'ja', prefix: '/ja/', position: 9, settings: '{}' });
      const res = await editor.postMultipart('/newsroom/pages', pageForm({ title: 'Japanese', slug: 'ja', body: 'x' }));
      expect(res.statusCode).toBe(400);
      expect(dom(res.body).querySelector('#slug-error')?.text).toBe(
        'An edition of the site is at /ja/; choose another address.',
      );
      await storage.db.deleteFrom('edition').where('prefix', '=', '/ja/').execute();
    });

    it("refuses another page's address, and the Sections page refuses a section at a page's address", async () => {
      await newPage({ title: 'Privacy', slug: 'privacy', body: 'We keep little.' });
      const again = await editor.postMultipart(
        '/newsroom/pages',
        pageForm({ title: 'Privacy 2', slug: 'privacy', body: 'x' }),
      );
      expect(again.statusCode).toBe(400);
      expect(dom(again.body).querySelector('#slug-error')?.text).toBe(
        'Another page already has the address /privacy/; choose another.',
      );

      await admin.get('/newsroom/sections');
      const section = await admin.post('/newsroom/sections', {
        name: 'Privacy',
        slug: 'privacy',
        parent: '',
        position: '',
      });
      expect(section.statusCode).toBe(400);
      expect(dom(section.body).querySelector('#slug-error')?.text).toBe(
        'A page already has the address /privacy/; choose another.',
      );
      expect(await storage.db.selectFrom('section').select('id').where('slug', '=', 'privacy').execute()).toEqual([]);
    });

    it("refuses an import that would create a section at a page's address, and writes nothing", async () => {
      await newPage({ title: 'Careers', slug: 'careers', body: 'Join us.' });
      const text = [
        'Harbour Cranes Replaced After Forty Years',
        'New cranes at the container quay',
        '09:30 JST, January 20, 2026',
        'Four cranes went up at the container quay this week.',
        'Top Articles in Careers',
      ].join('\n');
      const articles = async () => (await storage.db.selectFrom('article').select('id').execute()).length;
      const before = await articles();
      const error = await importPage(storage.db, text).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).message).toBe(
        'the section "Careers" would live at /careers/, the address of a page of the publication; ' +
          'create the section under another address in the newsroom and pass it with --section',
      );
      expect(await articles()).toBe(before);
      expect(await storage.db.selectFrom('section').select('id').where('slug', '=', 'careers').execute()).toEqual([]);
    });

    it('lists in the footer the published pages an admin chose, in their order, with the feeds and corrections', async () => {
      const ads = await newPage({ title: 'Advertising', slug: 'advertising', body: 'Rates.', action: 'publish' });
      const policy = await newPage({
        title: 'Corrections policy',
        slug: 'corrections-policy',
        body: 'We fix.',
        action: 'publish',
      });
      const draft = await newPage({ title: 'Jobs', slug: 'jobs', body: 'None yet.' });

      // An editor manages pages but not the footer: the site's frame is an admin's.
      await editor.get('/newsroom/pages');
      expect((await editor.post('/newsroom/pages/footer', { [`footer_${ads}`]: '1' })).statusCode).toBe(403);

      await admin.get('/newsroom/pages');
      const saved = await admin.post('/newsroom/pages/footer', {
        [`footer_${policy}`]: '1',
        [`footer_${ads}`]: '2',
        [`footer_${draft}`]: '3',
      });
      expect(saved.statusCode).toBe(303);
      expect(footerLinks((await reader('/')).body)).toEqual([
        'Corrections policy /corrections-policy/',
        'Advertising /advertising/',
        'Corrections /corrections/',
        'RSS feed /feed/',
        'Atom feed /feed/atom/',
      ]);

      await admin.get('/newsroom/pages');
      await admin.post('/newsroom/pages/footer', { [`footer_${ads}`]: '1', [`footer_${policy}`]: '' });
      expect(footerLinks((await reader('/politics/')).body).slice(0, 2)).toEqual([
        'Advertising /advertising/',
        'Corrections /corrections/',
      ]);

      const bad = await admin.post('/newsroom/pages/footer', { [`footer_${ads}`]: 'first' });
      expect(bad.statusCode).toBe(400);
      expect(dom(bad.body).querySelector('.nr-error')?.text).toBe(
        'Give each footer page a place from 1 to 99, or leave it empty.',
      );
    });

    it('keeps a revision per save, shows what changed, and restores an earlier one as a new revision', async () => {
      const id = await newPage({ title: 'Masthead', slug: 'masthead', body: 'Editor: A.\n\nPublisher: B.' });
      await editor.postMultipart(
        `/newsroom/pages/${id}`,
        pageForm({
          title: 'Our masthead',
          slug: 'masthead',
          body: 'Editor: C.\n\nPublisher: B.',
          revision: await revisionOf(id),
        }),
      );

      const list = dom((await editor.get(`/newsroom/pages/${id}/revisions`)).body);
      expect(list.querySelectorAll('tbody tr').map((r) => r.querySelectorAll('td')[2]!.text)).toEqual(['2', '1']);
      const compared = dom((await editor.get(`/newsroom/pages/${id}/revisions?a=1&b=2`)).body);
      expect(compared.querySelectorAll('.nr-diff h3').map((h) => h.text)).toEqual(['title', 'body']);
      expect(compared.querySelectorAll('.nr-diff .diff-removed').map((s) => s.text)).toEqual([
        '− Masthead\n',
        '− Editor: A.\n',
      ]);
      expect(compared.querySelectorAll('.nr-diff .diff-added').map((s) => s.text)).toEqual([
        '+ Our masthead\n',
        '+ Editor: C.\n',
      ]);

      const restored = await editor.post(`/newsroom/pages/${id}/revisions/1/restore`, {});
      expect(restored.statusCode).toBe(303);
      const form = dom((await editor.get(`/newsroom/pages/${id}`)).body);
      expect(form.querySelector('input[name="title"]')?.getAttribute('value')).toBe('Masthead');
      expect(form.querySelector('textarea#body')?.text).toBe('Editor: A.\n\nPublisher: B.');
      expect(form.querySelector('input[name="revision"]')?.getAttribute('value')).toBe('3');
    });

    it('refuses a save from a form older than the stored page, keeping what was typed', async () => {
      const id = await newPage({ title: 'Awards', slug: 'awards', body: 'First.' });
      const stale = await revisionOf(id);
      await editor.postMultipart(
        `/newsroom/pages/${id}`,
        pageForm({ title: 'Awards', slug: 'awards', body: 'Second.', revision: stale }),
      );
      const res = await editor.postMultipart(
        `/newsroom/pages/${id}`,
        pageForm({ title: 'Awards', slug: 'awards', body: 'Third, from an old form.', revision: stale }),
      );
      expect(res.statusCode).toBe(409);
      expect(dom(res.body).querySelector('textarea#body')?.text).toBe('Third, from an old form.');
    });
  });

  describe.skipIf(backend.skipReason !== null)(`the demo newspaper's pages on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    beforeAll(async () => {
      storage = await backend.open();
      // What seedDemoContent writes after the articles (their illustrations take a minute to draw on CI).
      await writeDemoPages(storage.db, DEMO_PAGES, FIXTURE_NOW);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('has About, Contact, Privacy and Corrections policy, published and in the footer in that order', async () => {
      const home = await t.app.inject({ url: '/' });
      expect(footerLinks(home.body).slice(0, 4)).toEqual([
        'About Dateline News /about/',
        'Contact us /contact/',
        'Privacy /privacy/',
        'Corrections policy /corrections-policy/',
      ]);
      for (const path of ['/about/', '/contact/', '/privacy/', '/corrections-policy/']) {
        const page = await t.app.inject({ url: path });
        expect(page.statusCode).toBe(200);
        expect(await htmlProblems(page.body)).toEqual([]);
      }
    });
  });
}
