import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultEditionSettings } from '../../src/domain/edition.js';
import { deleteRedirect, saveRedirects } from '../../src/services/redirects.js';
import { insertEditionRow } from '../../src/storage/repositories/edition.repository.js';
import { bumpContentVersion } from '../../src/storage/repositories/site.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';

const BASE = 'http://127.0.0.1:3000';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`old addresses answered with 301 on ${backend.name}`, () => {
    let storage: TestStorage;
    let ids: FixtureIds;
    let t: TestApp;
    /** The reference article's own address, as the site writes it. */
    let live: string;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const save = async (rows: Parameters<typeof saveRedirects>[1]) => {
      await saveRedirects(storage.db, rows);
      await t.site.refresh();
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      await insertEditionRow(storage.db, {
        language: 'el',
        prefix: '/el/',
        position: 1,
        settings: JSON.stringify(
          defaultEditionSettings('el', {
            publicationName: 'Η Ημερομηνία',
            shortName: 'ΗΗ',
            tagline: 'Ειδήσεις από την Αθήνα',
            timeZoneLabel: 'EET',
          }),
        ),
      });
      await bumpContentVersion(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      // Any other spelling of an article's address moves to its own: that answer names it.
      const moved = await get(`/politics/20200101-${ids.reference}/`);
      expect(moved.statusCode).toBe(301);
      live = new URL(moved.headers.location as string, BASE).pathname;
      expect((await get(live)).statusCode).toBe(200);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('answers an old address that would be 404 with a 301 to the public origin, cached like other redirects', async () => {
      expect((await get('/2019/05/defence-talks/')).statusCode).toBe(404);
      await save([{ from: '/2019/05/defence-talks/', to: live, source: 'wordpress' }]);
      for (const spelling of [
        '/2019/05/defence-talks/',
        '/2019/05/defence-talks',
        '/2019/05/defence-talks/?utm_source=x',
      ]) {
        const res = await get(spelling);
        expect(res.statusCode).toBe(301);
        expect(res.headers.location).toBe(`${BASE}${live}`);
        expect(res.headers['cache-control']).toBe('public, max-age=3600');
      }
      expect((await t.app.inject({ method: 'HEAD', url: '/2019/05/defence-talks/' })).statusCode).toBe(301);
      // Only the address stored: its neighbour is still not found.
      expect((await get('/2019/05/defence-talks-2/')).statusCode).toBe(404);
    });

    it('matches percent escapes however they are spelled, and case as given', async () => {
      await save([{ from: '/2018/%ce%b5%ce%ba%ce%bb%ce%bf%ce%b3%ce%ad%cf%82/', to: live }]);
      expect((await get('/2018/%CE%B5%CE%BA%CE%BB%CE%BF%CE%B3%CE%AD%CF%82/')).statusCode).toBe(301);
      expect((await get(`/2018/${encodeURIComponent('εκλογές')}`)).statusCode).toBe(301);
      await save([{ from: '/Archive/Budget', to: live }]);
      expect((await get('/Archive/Budget')).statusCode).toBe(301);
      expect((await get('/archive/budget')).statusCode).toBe(404);
    });

    it('never shadows a live page: a redirect from a live article’s address is not answered while it lives', async () => {
      await save([{ from: live, to: '/business/' }]);
      const res = await get(live);
      expect(res.statusCode).toBe(200);
      expect(res.headers.location).toBeUndefined();
      await save([{ from: '/politics/', to: '/business/' }]);
      expect((await get('/politics/')).statusCode).toBe(200);
      // Gone again, or the next tests' redirects to the article would be folded on to /business/ (no chains).
      await deleteRedirect(storage.db, live);
    });

    it('answers WordPress’s /?p=123 and /?page_id=7 although the home page lives at /', async () => {
      await save([
        { from: '/?p=123', to: live, source: 'wordpress' },
        { from: '/?page_id=7', to: '/about/', source: 'wordpress' },
      ]);
      const post = await get('/?p=123');
      expect(post.statusCode).toBe(301);
      expect(post.headers.location).toBe(`${BASE}${live}`);
      expect((await get('/?page_id=7&utm_medium=email')).headers.location).toBe(`${BASE}/about/`);
      expect((await get('/index.php?p=123')).statusCode).toBe(404);
      // A post number no redirect knows is not the home page but a 404; another query, or none, is the home page.
      const unknown = await get('/?p=124');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('Page not found');
      expect((await get('/?page_id=8')).statusCode).toBe(404);
      expect((await get('/?p=latest')).statusCode).toBe(200);
      expect((await get('/?utm_source=newsletter')).statusCode).toBe(200);
      expect((await get('/')).statusCode).toBe(200);
    });

    it('answers an old address under an edition’s prefix, and WordPress’s query on the edition’s home', async () => {
      expect((await get('/el/2019/palia-selida/')).statusCode).toBe(404);
      await save([
        { from: '/el/2019/palia-selida/', to: '/el/' },
        { from: '/el/?p=55', to: live },
      ]);
      const res = await get('/el/2019/palia-selida/');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`${BASE}/el/`);
      expect((await get('/el/?p=55')).headers.location).toBe(`${BASE}${live}`);
      expect((await get('/el/?p=56')).statusCode).toBe(404);
      expect((await get('/el/')).statusCode).toBe(200);
    });

    it('answers from memory: a redirect asked for again does not read the database, until the content version moves', async () => {
      await save([{ from: '/memo/old', to: '/business/' }]);
      expect((await get('/memo/old')).statusCode).toBe(301);
      // Removed behind the process's back (no version moved): the remembered answer stands…
      await storage.db.deleteFrom('redirect').where('from_path', '=', '/memo/old').execute();
      expect((await get('/memo/old')).statusCode).toBe(301);
      // …until content changes, as every change to redirects makes it.
      await bumpContentVersion(storage.db);
      await t.site.refresh();
      expect((await get('/memo/old')).statusCode).toBe(404);
    });

    it('leaves the newsroom’s and the APIs’ 404s alone', async () => {
      await save([{ from: '/newsroom/nothing-here', to: '/business/' }]);
      expect((await get('/newsroom/nothing-here')).statusCode).not.toBe(301);
    });
  });
}
