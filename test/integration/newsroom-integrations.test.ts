import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKeyService, type ApiKeyService } from '../../src/services/api-keys.js';
import { findApiKeyRowById } from '../../src/storage/repositories/api-key.repository.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`Newsroom → Integrations on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    /** Content keys as another process finds them (no secret key needed for those). */
    let reader: ApiKeyService;
    const signedIn = async (person: { email: string }) => {
      const c = new NewsroomClient(t.app);
      await c.signIn(person.email, PASSWORD);
      return c;
    };
    const keyCount = async () =>
      Number(
        (
          await storage.db
            .selectFrom('api_key')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    /** Adds a key through the form; returns the key shown and the page. */
    const addKey = async (admin: NewsroomClient, name: string, type: string) => {
      await admin.get('/newsroom/integrations');
      const page = await admin.post('/newsroom/integrations', { name, type });
      return { page, key: dom(page.body).querySelector('#new-key')?.getAttribute('value') ?? null };
    };

    beforeAll(async () => {
      storage = await backend.open();
      await loadNewsroomFixture(storage.db);
      await ensurePerson(storage.db, PEOPLE.owner);
      await ensurePerson(storage.db, PEOPLE.eden);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
      reader = createApiKeyService({
        db: storage.db,
        clock: () => new Date(),
        secretKey: () => Promise.reject(new Error('content keys need no secret key')),
      });
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    it('is linked for admins and lists no keys at first, as valid HTML', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const desk = await admin.get('/newsroom');
      expect(dom(desk.body).querySelector('nav a[href="/newsroom/integrations"]')?.textContent).toBe('Integrations');
      const page = await admin.get('/newsroom/integrations');
      expect(page.statusCode).toBe(200);
      expect(dom(page.body).querySelector('main, body')!.textContent).toContain('No keys yet.');
      expect(await htmlProblems(page.body)).toEqual([]);
    });

    it('shows a new content key once, on the page that answers the form, and it works', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const { page, key } = await addKey(admin, 'Static front end', 'content');
      expect(page.statusCode).toBe(201);
      expect(key).toMatch(/^[0-9a-f]{26}$/);
      expect(await htmlProblems(page.body)).toEqual([]);
      expect(await reader.findContentKey(key!)).toMatch(/^[0-9a-f]{24}$/);
      const again = await admin.get('/newsroom/integrations');
      expect(again.body).not.toContain(key);
      const row = [...dom(again.body).querySelectorAll('tbody tr')].find((r) => r.textContent!.includes('Static'))!;
      expect(row.textContent).toContain('Content (read-only)');
      expect(row.querySelector('td[data-label="Last used"]')!.textContent).not.toBe('Never');
    });

    it('shows a new admin key as id:secret once, and keeps the secret sealed, made by the admin', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const { page, key } = await addKey(admin, 'Zapier', 'admin');
      expect(page.statusCode).toBe(201);
      const [id, secret] = key!.split(':') as [string, string];
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const row = await findApiKeyRowById(storage.db, id);
      const owner = await storage.db
        .selectFrom('user_account')
        .select('id')
        .where('email', '=', PEOPLE.owner.email)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name: 'Zapier', type: 'admin', created_by: owner.id, content_key: null });
      expect(JSON.stringify(row)).not.toContain(secret);
      expect((await admin.get('/newsroom/integrations')).body).not.toContain(secret);
    });

    it('refuses a key without a name or of another type, by the field, and writes nothing', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const before = await keyCount();
      const unnamed = await addKey(admin, '   ', 'admin');
      expect(unnamed.page.statusCode).toBe(400);
      expect(unnamed.key).toBeNull();
      expect(dom(unnamed.page.body).querySelector('#name-error')!.textContent).toBe('Give the key a name.');
      const typed = await addKey(admin, 'Mine', 'owner');
      expect(typed.page.statusCode).toBe(400);
      expect(dom(typed.page.body).querySelector('#type-error')).not.toBeNull();
      expect(dom(typed.page.body).querySelector('#name')!.getAttribute('value')).toBe('Mine');
      expect(await keyCount()).toBe(before);
    });

    it('asks before revoking, then revokes: the key stops working and the list says so', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const { key } = await addKey(admin, 'Old app', 'content');
      const id = (await reader.findContentKey(key!))!;
      await admin.get('/newsroom/integrations');
      const ask = await admin.post(`/newsroom/integrations/${id}/revoke`, {});
      expect(ask.statusCode).toBe(200);
      expect(dom(ask.body).querySelector('h1')!.textContent).toContain('Old app');
      expect(dom(ask.body).querySelector('input[name="confirm"]')!.getAttribute('value')).toBe('yes');
      expect(await htmlProblems(ask.body)).toEqual([]);
      expect((await findApiKeyRowById(storage.db, id))?.revoked_at).toBeNull();
      const done = await admin.post(`/newsroom/integrations/${id}/revoke`, { confirm: 'yes' });
      expect([done.statusCode, done.headers.location]).toEqual([303, `/newsroom/integrations?revoked=${id}`]);
      expect(await reader.findContentKey(key!, new Date(Date.now() + 1000))).toBeNull();
      const page = await admin.get(`/newsroom/integrations?revoked=${id}`);
      expect(dom(page.body).querySelector('[role="status"]')!.textContent).toBe('Revoked the key “Old app”.');
      const row = [...dom(page.body).querySelectorAll('tbody tr')].find((r) => r.textContent!.includes('Old app'))!;
      expect(row.textContent).toMatch(/Revoked /);
      expect(row.querySelector('form')).toBeNull();
    });

    it('answers 404 for a key that does not exist', async () => {
      const admin = await signedIn(PEOPLE.owner);
      await admin.get('/newsroom/integrations');
      expect((await admin.post(`/newsroom/integrations/${'f'.repeat(24)}/revoke`, {})).statusCode).toBe(404);
    });

    it('is for admins only: an editor gets 403 and makes or revokes nothing; signed out goes to sign-in', async () => {
      const admin = await signedIn(PEOPLE.owner);
      const { key } = await addKey(admin, 'Kept', 'content');
      const id = (await reader.findContentKey(key!))!;
      const before = await keyCount();
      const eden = await signedIn(PEOPLE.eden);
      expect((await eden.get('/newsroom/integrations')).statusCode).toBe(403);
      expect((await eden.post('/newsroom/integrations', { name: 'Mine', type: 'admin' })).statusCode).toBe(403);
      expect((await eden.post(`/newsroom/integrations/${id}/revoke`, { confirm: 'yes' })).statusCode).toBe(403);
      expect(dom((await eden.get('/newsroom')).body).querySelector('a[href="/newsroom/integrations"]')).toBeNull();
      const out = await t.app.inject({ method: 'GET', url: '/newsroom/integrations' });
      expect([out.statusCode, out.headers.location]).toEqual([303, '/newsroom/login?next=%2Fnewsroom%2Fintegrations']);
      expect(await keyCount()).toBe(before);
      expect(await reader.findContentKey(key!)).toBe(id);
    });

    it('refuses a form without its token or from another site, and writes nothing', async () => {
      const admin = await signedIn(PEOPLE.owner);
      await admin.get('/newsroom/integrations');
      const before = await keyCount();
      const tokenless = await admin.post('/newsroom/integrations', { name: 'X', type: 'admin' }, { csrf: null });
      expect(tokenless.statusCode).toBe(403);
      const crossSite = await admin.post(
        '/newsroom/integrations',
        { name: 'X', type: 'admin' },
        { headers: { 'sec-fetch-site': 'cross-site' } },
      );
      expect(crossSite.statusCode).toBe(403);
      expect(await keyCount()).toBe(before);
    });
  });
}
