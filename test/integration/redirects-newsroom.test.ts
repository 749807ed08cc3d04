import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIRECTS_PAGE_SIZE, saveRedirects } from '../../src/services/redirects.js';
import { findRedirectTarget } from '../../src/storage/repositories/redirect.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Newsroom → Redirects on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    const signedIn = async (person: { email: string }) => {
      const c = new NewsroomClient(t.app);
      await c.signIn(person.email, PASSWORD);
      return c;
    };
    const listed = (body: string) =>
      [...dom(body).querySelectorAll('table.nr-table tbody tr')].map((tr) => ({
        from: tr.querySelector('code')?.textContent,
        to: tr.querySelector('a')?.getAttribute('href'),
      }));

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.owner);
      await ensurePerson(storage.db, PEOPLE.eden);
      await ensurePerson(storage.db, PEOPLE.casey);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('is linked for editors and admins, and shows no redirects at first, as valid HTML', async () => {
      for (const person of [PEOPLE.eden, PEOPLE.owner]) {
        const c = await signedIn(person);
        const desk = await c.get('/newsroom');
        expect(dom(desk.body).querySelector('nav a[href="/newsroom/redirects"]')?.textContent).toBe('Redirects');
        const page = await c.get('/newsroom/redirects');
        expect(page.statusCode).toBe(200);
        expect(await htmlProblems(page.body)).toEqual([]);
        expect(dom(page.body).querySelector('#redirect-count')?.textContent).toBe('0 redirects');
      }
    });

    it('is neither linked nor open for a contributor, whose form posts are refused', async () => {
      const casey = await signedIn(PEOPLE.casey);
      const desk = await casey.get('/newsroom');
      expect(dom(desk.body).querySelector('nav a[href="/newsroom/redirects"]')).toBeNull();
      expect((await casey.get('/newsroom/redirects')).statusCode).toBe(403);
      const posted = await casey.post('/newsroom/redirects', { from: '/by-casey', to: '/politics/' });
      expect(posted.statusCode).toBe(403);
      expect(await findRedirectTarget(storage.db, '/by-casey')).toBeUndefined();
    });

    it('adds a redirect that the reader then answers, and says so', async () => {
      const eden = await signedIn(PEOPLE.eden);
      await eden.get('/newsroom/redirects');
      const res = await eden.post('/newsroom/redirects', { from: '/2017/03/harbour-plan/', to: '/business/' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/newsroom/redirects?done=added');
      const page = await eden.get(res.headers.location as string);
      expect(dom(page.body).querySelector('.nr-notice')?.textContent).toBe('Added the redirect.');
      expect(listed(page.body)).toContainEqual({ from: '/2017/03/harbour-plan', to: '/business/' });
      expect(await htmlProblems(page.body)).toEqual([]);
      const reader = await t.app.inject({ method: 'GET', url: '/2017/03/harbour-plan/' });
      expect(reader.statusCode).toBe(301);
      expect(reader.headers.location).toMatch(/\/business\/$/);
      // The same again replaces nothing.
      const again = await eden.post('/newsroom/redirects', { from: '/2017/03/harbour-plan', to: '/business/' });
      expect(again.headers.location).toBe('/newsroom/redirects?done=unchanged');
    });

    it('shows a refused form again with what was typed and a message by each field', async () => {
      const eden = await signedIn(PEOPLE.eden);
      await eden.get('/newsroom/redirects');
      const res = await eden.post('/newsroom/redirects', { from: 'old story', to: 'https://elsewhere.example/x' });
      expect(res.statusCode).toBe(400);
      const page = dom(res.body);
      expect(page.querySelector('#from')?.getAttribute('value')).toBe('old story');
      expect(page.querySelector('#to')?.getAttribute('value')).toBe('https://elsewhere.example/x');
      expect(page.querySelectorAll('.nr-field-error')).toHaveLength(2);
      expect(await htmlProblems(res.body)).toEqual([]);
      const loop = await eden.post('/newsroom/redirects', { from: '/same-place/', to: '/same-place' });
      expect(loop.statusCode).toBe(400);
      expect(dom(loop.body).querySelector('.nr-field-error')?.textContent).toMatch(/back to itself/);
      expect(dom(loop.body).querySelector('#from')?.getAttribute('value')).toBe('/same-place/');
    });

    it('deletes with the form token only', async () => {
      await saveRedirects(storage.db, [{ from: '/to-go', to: '/politics/' }]);
      const owner = await signedIn(PEOPLE.owner);
      await owner.get('/newsroom/redirects');
      const forged = await owner.post('/newsroom/redirects/delete', { from: '/to-go' }, { csrf: 'not-the-token' });
      expect(forged.statusCode).toBe(403);
      expect(await findRedirectTarget(storage.db, '/to-go')).toBe('/politics/');
      const res = await owner.post('/newsroom/redirects/delete', { from: '/to-go' });
      expect(res.headers.location).toBe('/newsroom/redirects?done=deleted');
      expect(await findRedirectTarget(storage.db, '/to-go')).toBeUndefined();
      const again = await owner.post('/newsroom/redirects/delete', { from: '/to-go' });
      expect(again.headers.location).toBe('/newsroom/redirects?done=gone');
      expect((await t.app.inject({ method: 'GET', url: '/to-go' })).statusCode).toBe(404);
    });

    it('searches and pages through many, and refuses a page that is no number with a 400', async () => {
      await saveRedirects(
        storage.db,
        Array.from({ length: REDIRECTS_PAGE_SIZE + 3 }, (_, i) => ({ from: `/archive/item-${i}`, to: '/politics/' })),
      );
      const eden = await signedIn(PEOPLE.eden);
      const first = await eden.get('/newsroom/redirects?q=archive');
      expect(dom(first.body).querySelector('#redirect-count')?.textContent).toBe(
        `${REDIRECTS_PAGE_SIZE + 3} redirects matching “archive”`,
      );
      expect(listed(first.body)).toHaveLength(REDIRECTS_PAGE_SIZE);
      const next = dom(first.body).querySelector('a[rel="next"]')?.getAttribute('href');
      expect(next).toBe('/newsroom/redirects?q=archive&page=2');
      expect(listed((await eden.get(next!)).body)).toHaveLength(3);
      expect(listed((await eden.get('/newsroom/redirects?q=item-7')).body).map((r) => r.from)).toEqual([
        '/archive/item-7',
      ]);
      expect((await eden.get('/newsroom/redirects?page=abc')).statusCode).toBe(400);
    });
  });
}
