import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bylineRowsForArticle, authorRowBySlug } from '../../src/storage/repositories/author.repository.js';
import { findAccountRowByEmail } from '../../src/storage/repositories/user.repository.js';
import { loadArticlePage } from '../../src/services/reader-pages.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

const profileForm = (fields: Record<string, string>): Record<string, string> => ({
  name: '',
  slug: '',
  jobTitle: '',
  bio: '',
  photoMediaId: '',
  website: '',
  x: '',
  bluesky: '',
  mastodon: '',
  linkedin: '',
  ...fields,
});

const draftForm = (headline: string, authors: string) => ({
  headline,
  standfirst: '',
  body: 'A first paragraph.',
  section: 'politics',
  authors,
  tags: '',
  action: 'save',
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`author profiles on ${backend.name}`, () => {
    let storage: TestStorage;
    let test: TestApp;
    let ids: FixtureIds;
    let admin: NewsroomClient;
    let editor: NewsroomClient;
    let contributor: NewsroomClient;

    const countAuthors = async () =>
      Number(
        (
          await storage.db
            .selectFrom('author')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const fieldError = (html: string, field: string) => dom(html).querySelector(`#${field}-error`)?.text ?? null;
    const fieldValue = (html: string, field: string) => dom(html).querySelector(`#${field}`)?.getAttribute('value');

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      test = await buildTestApp(storage.db, FIXTURE_NOW);
      for (const person of [PEOPLE.owner, PEOPLE.eden, PEOPLE.casey]) await ensurePerson(storage.db, person);
      admin = new NewsroomClient(test.app);
      editor = new NewsroomClient(test.app);
      contributor = new NewsroomClient(test.app);
      await admin.signIn(PEOPLE.owner.email, PASSWORD);
      await editor.signIn(PEOPLE.eden.email, PASSWORD);
      await contributor.signIn(PEOPLE.casey.email, PASSWORD);
    });
    afterAll(async () => {
      await test.close();
      await storage.destroy();
    });

    it('lets an editor create a profile with a title, bio, library photo and links, read back whole', async () => {
      await editor.get('/newsroom/authors/new');
      const res = await editor.postMultipart(
        '/newsroom/authors',
        profileForm({
          name: 'Hana Sato',
          jobTitle: 'Seoul Correspondent',
          bio: 'Covers the peninsula.',
          photoMediaId: String(ids.photoMediaId),
          website: 'https://hana.example',
          mastodon: 'https://mastodon.example/@hana',
        }),
      );
      expect(res.statusCode).toBe(303);
      const row = await authorRowBySlug(storage.db, 'hana-sato');
      expect(res.headers.location).toBe(`/newsroom/authors/${row!.id}?saved=1`);
      const media = await storage.db
        .selectFrom('media')
        .selectAll()
        .where('id', '=', ids.photoMediaId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({
        id: row!.id,
        slug: 'hana-sato',
        name: 'Hana Sato',
        bio: 'Covers the peninsula.',
        job_title: 'Seoul Correspondent',
        links: JSON.stringify({ website: 'https://hana.example', mastodon: 'https://mastodon.example/@hana' }),
        user_id: null,
        photo_media_id: ids.photoMediaId,
        photo_hash: media.hash,
        photo_width: media.width,
        photo_height: media.height,
      });
      const list = dom((await editor.get('/newsroom/authors')).body);
      expect(list.querySelector(`a[href="/newsroom/authors/${row!.id}"]`)?.text).toBe('Hana Sato');
    });

    it('gives every byline of an article page the whole profile', async () => {
      const row = await storage.db
        .selectFrom('author')
        .select('id')
        .where('slug', '=', 'mei-aoki')
        .executeTakeFirstOrThrow();
      await editor.get(`/newsroom/authors/${row.id}`);
      const res = await editor.postMultipart(
        `/newsroom/authors/${row.id}`,
        profileForm({
          name: 'Mei Aoki',
          slug: 'mei-aoki',
          jobTitle: 'Political Correspondent',
          bio: 'Political correspondent.',
          photoMediaId: String(ids.photoMediaId),
          x: 'https://x.example/meiaoki',
        }),
      );
      expect(res.statusCode).toBe(303);
      const page = await loadArticlePage(
        storage.db,
        test.site.current().context,
        { top: () => [] },
        ids.reference,
        FIXTURE_NOW,
      );
      const mei = page!.article.bylines.find((a) => a.slug === 'mei-aoki');
      expect(mei).toMatchObject({
        name: 'Mei Aoki',
        jobTitle: 'Political Correspondent',
        links: { x: 'https://x.example/meiaoki' },
        photo: { mediaId: ids.photoMediaId, width: 1000, height: 600 },
      });
    });

    it('stores an uploaded photo in the library and keeps it on the profile', async () => {
      const bytes = await sharp({
        create: { width: 400, height: 400, channels: 3, background: { r: 200, g: 40, b: 40 } },
      })
        .png()
        .toBuffer();
      await editor.get('/newsroom/authors/new');
      const res = await editor.postMultipart('/newsroom/authors', profileForm({ name: 'Ola Berg' }), {
        field: 'photo',
        name: 'ola.png',
        type: 'image/png',
        bytes,
      });
      expect(res.statusCode).toBe(303);
      const row = await authorRowBySlug(storage.db, 'ola-berg');
      expect(row).toMatchObject({ photo_width: 400, photo_height: 400 });
      expect(row!.photo_media_id).not.toBe(ids.photoMediaId);
    });

    it('refuses a bad form with a message by each field, keeping what was typed, and writes nothing', async () => {
      const before = await countAuthors();
      await editor.get('/newsroom/authors/new');
      const typed = profileForm({
        name: 'Rui, Costa',
        slug: 'Rui Costa',
        bio: 'x'.repeat(1001),
        website: 'javascript:alert(1)',
        linkedin: 'linkedin.example/in/rui',
        photoMediaId: '999999',
      });
      const res = await editor.postMultipart('/newsroom/authors', typed);
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'name')).toBe(
        'Leave commas out of the name: the Bylines field separates authors with them.',
      );
      expect(fieldError(res.body, 'slug')).toBe('Use lower-case letters, digits and dashes, like ana-ito.');
      expect(fieldError(res.body, 'bio')).toBe('Keep the bio under 1,000 characters.');
      expect(fieldError(res.body, 'website')).toBe('Use a full address starting with https:// (or http://).');
      expect(fieldError(res.body, 'linkedin')).toBe('Use a full address starting with https:// (or http://).');
      expect(fieldError(res.body, 'photoMediaId')).toBe(
        'No image in the library has that number; choose one from the image library.',
      );
      expect(fieldValue(res.body, 'name')).toBe('Rui, Costa');
      expect(fieldValue(res.body, 'website')).toBe('javascript:alert(1)');
      expect(await countAuthors()).toBe(before);
    });

    it('refuses an empty name and a slug another author has', async () => {
      const before = await countAuthors();
      await editor.get('/newsroom/authors/new');
      const empty = await editor.postMultipart('/newsroom/authors', profileForm({ name: '  ' }));
      expect(empty.statusCode).toBe(400);
      expect(fieldError(empty.body, 'name')).toBe("Write the author's name.");
      const clash = await editor.postMultipart(
        '/newsroom/authors',
        profileForm({ name: 'Another Mei', slug: 'mei-aoki' }),
      );
      expect(clash.statusCode).toBe(400);
      expect(fieldError(clash.body, 'slug')).toBe('Another author already has the slug mei-aoki; choose another.');
      expect(await countAuthors()).toBe(before);
    });

    it('refuses a contributor the Authors page and its forms (403), and the navigation does not offer it', async () => {
      const before = await countAuthors();
      expect((await contributor.get('/newsroom/authors')).statusCode).toBe(403);
      expect((await contributor.get('/newsroom/authors/new')).statusCode).toBe(403);
      const desk = await contributor.get('/newsroom');
      expect(dom(desk.body).querySelector('a[href="/newsroom/authors"]')).toBeNull();
      const res = await contributor.post('/newsroom/authors', profileForm({ name: 'Sneaky Byline' }));
      expect(res.statusCode).toBe(403);
      expect(await countAuthors()).toBe(before);
      const editorDesk = await editor.get('/newsroom');
      expect(dom(editorDesk.body).querySelector('a[href="/newsroom/authors"]')?.text).toBe('Authors');
    });

    it('refuses a form without its token (403) and writes nothing', async () => {
      const before = await countAuthors();
      await editor.get('/newsroom/authors/new');
      const res = await editor.post('/newsroom/authors', profileForm({ name: 'No Token' }), { csrf: null });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('This form has expired or did not come from the newsroom.');
      expect(await countAuthors()).toBe(before);
    });

    it('draws valid HTML for the list, a form with its messages, and the Users page with its profile choice', async () => {
      const row = await authorRowBySlug(storage.db, 'mei-aoki');
      const pages = [
        (await editor.get('/newsroom/authors')).body,
        (await editor.get(`/newsroom/authors/${row!.id}`)).body,
        (await editor.postMultipart('/newsroom/authors', profileForm({ name: 'Bad, Name', website: 'ftp://x' }))).body,
        (await admin.get('/newsroom/users')).body,
      ];
      for (const html of pages) expect(await htmlProblems(html)).toEqual([]);
      const users = dom(pages[3]!);
      expect(users.querySelector('#profile option[selected]')?.getAttribute('value')).toBe('new');
      expect(users.querySelectorAll('#profile option').map((o) => o.text.trim())).toContain(
        'Link to Mei Aoki (mei-aoki)',
      );
    });

    it('answers 404 for an author that does not exist', async () => {
      expect((await editor.get('/newsroom/authors/999999')).statusCode).toBe(404);
    });

    it("makes a new account's own profile, and its new drafts carry that byline", async () => {
      await admin.get('/newsroom/users');
      const res = await admin.post('/newsroom/users', {
        name: 'Ida Novak',
        email: 'ida@example.com',
        role: 'contributor',
        password: PASSWORD,
        profile: 'new',
      });
      expect(res.statusCode).toBe(303);
      const account = await findAccountRowByEmail(storage.db, 'ida@example.com');
      const profile = await authorRowBySlug(storage.db, 'ida-novak');
      expect(profile).toMatchObject({ name: 'Ida Novak', user_id: account!.id });

      const ida = new NewsroomClient(test.app);
      await ida.signIn('ida@example.com', PASSWORD);
      const blank = await ida.get('/newsroom/articles/new');
      expect(fieldValue(blank.body, 'authors')).toBe('ida-novak');
      const { id } = await ida.createArticle(draftForm('Market day', fieldValue(blank.body, 'authors')!));
      expect((await bylineRowsForArticle(storage.db, id)).map((b) => b.slug)).toEqual(['ida-novak']);
    });

    it('links a new account to an existing profile, and never one profile to two accounts', async () => {
      await admin.get('/newsroom/users');
      const baker = ids.authors.baker;
      const res = await admin.post('/newsroom/users', {
        name: 'Tom Baker',
        email: 'tom@example.com',
        role: 'contributor',
        password: PASSWORD,
        profile: String(baker),
      });
      expect(res.statusCode).toBe(303);
      const tom = await findAccountRowByEmail(storage.db, 'tom@example.com');
      expect((await authorRowBySlug(storage.db, 'tom-baker'))?.user_id).toBe(tom!.id);

      const again = await admin.post('/newsroom/users', {
        name: 'Tom Baker Two',
        email: 'tom2@example.com',
        role: 'contributor',
        password: PASSWORD,
        profile: String(baker),
      });
      expect(again.statusCode).toBe(400);
      expect(fieldError(again.body, 'profile')).toBe(
        'That author profile belongs to another account now; choose another.',
      );
      expect(fieldValue(again.body, 'email')).toBe('tom2@example.com');
      expect(await findAccountRowByEmail(storage.db, 'tom2@example.com')).toBeUndefined();
    });

    it('refuses to make a profile whose slug another author has, and makes no account either', async () => {
      await admin.get('/newsroom/users');
      const res = await admin.post('/newsroom/users', {
        name: 'Mei Aoki',
        email: 'mei@example.com',
        role: 'contributor',
        password: PASSWORD,
        profile: 'new',
      });
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'profile')).toBe(
        'An author with the slug mei-aoki exists: choose that profile from the list to link it.',
      );
      expect(await findAccountRowByEmail(storage.db, 'mei@example.com')).toBeUndefined();
    });

    it("lets an admin link an existing account from the author's form, and only an admin", async () => {
      const owner = await findAccountRowByEmail(storage.db, PEOPLE.owner.email);
      const ola = await authorRowBySlug(storage.db, 'ola-berg');
      const olaForm = profileForm({ name: 'Ola Berg', slug: 'ola-berg', photoMediaId: String(ola!.photo_media_id) });

      const editorPage = await editor.get(`/newsroom/authors/${ola!.id}`);
      expect(dom(editorPage.body).querySelector('#account')).toBeNull();
      const byEditor = await editor.postMultipart(`/newsroom/authors/${ola!.id}`, {
        ...olaForm,
        account: String(owner!.id),
      });
      expect(byEditor.statusCode).toBe(303);
      expect((await authorRowBySlug(storage.db, 'ola-berg'))?.user_id).toBeNull();

      const adminPage = dom((await admin.get(`/newsroom/authors/${ola!.id}`)).body);
      expect(adminPage.querySelectorAll('#account option').map((o) => o.getAttribute('value'))).toContain(
        String(owner!.id),
      );
      const byAdmin = await admin.postMultipart(`/newsroom/authors/${ola!.id}`, {
        ...olaForm,
        account: String(owner!.id),
      });
      expect(byAdmin.statusCode).toBe(303);
      expect((await authorRowBySlug(storage.db, 'ola-berg'))?.user_id).toBe(owner!.id);
      expect(fieldValue((await admin.get('/newsroom/articles/new')).body, 'authors')).toBe('ola-berg');

      const hana = await authorRowBySlug(storage.db, 'hana-sato');
      const second = await admin.postMultipart(`/newsroom/authors/${hana!.id}`, {
        ...profileForm({ name: 'Hana Sato', slug: 'hana-sato' }),
        account: String(owner!.id),
      });
      expect(second.statusCode).toBe(400);
      expect(fieldError(second.body, 'account')).toBe('That account already has a profile (Ola Berg); choose another.');
      expect((await authorRowBySlug(storage.db, 'hana-sato'))?.user_id).toBeNull();

      const unlink = await admin.postMultipart(`/newsroom/authors/${ola!.id}`, { ...olaForm, account: '' });
      expect(unlink.statusCode).toBe(303);
      expect((await authorRowBySlug(storage.db, 'ola-berg'))?.user_id).toBeNull();
    });

    it('makes an account without a profile when asked, and its drafts start with no byline', async () => {
      await admin.get('/newsroom/users');
      const res = await admin.post('/newsroom/users', {
        name: 'Noor Desk',
        email: 'noor@example.com',
        role: 'editor',
        password: PASSWORD,
        profile: 'none',
      });
      expect(res.statusCode).toBe(303);
      expect(await authorRowBySlug(storage.db, 'noor-desk')).toBeUndefined();
      const noor = new NewsroomClient(test.app);
      await noor.signIn('noor@example.com', PASSWORD);
      expect(fieldValue((await noor.get('/newsroom/articles/new')).body, 'authors')).toBe('');
    });

    it('takes bylines by name in any case, or by slug, in the order typed', async () => {
      const { id } = await editor.createArticle(draftForm('Budget talks', 'tom BAKER, mei-aoki'));
      expect((await bylineRowsForArticle(storage.db, id)).map((b) => b.slug)).toEqual(['tom-baker', 'mei-aoki']);
      const page = dom((await editor.get(`/newsroom/articles/${id}`)).body);
      expect(page.querySelectorAll('#author-choices option').map((o) => o.getAttribute('value'))).toContain(
        'Hana Sato',
      );
    });

    it('says how to add an unknown author and keeps the typed bylines', async () => {
      await editor.get('/newsroom/articles/new');
      const res = await editor.post('/newsroom/articles', draftForm('Harbour fees', 'Mei Aoki, Cy Young'));
      expect(res.statusCode).toBe(400);
      expect(fieldError(res.body, 'authors')).toBe(
        'No author is called "Cy Young". Add the author on the Authors page of the newsroom (editors and admins), ' +
          'or with: npx dateline author add --name "Cy Young"; then save again.',
      );
      expect(fieldValue(res.body, 'authors')).toBe('Mei Aoki, Cy Young');
      expect(fieldValue(res.body, 'headline')).toBe('Harbour fees');
    });
  });
}
