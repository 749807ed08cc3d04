import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleInput } from '../../src/domain/article.js';
import { paragraph } from '../../src/domain/body.js';
import { addCorrection } from '../../src/services/corrections.js';
import { saveArticle } from '../../src/services/save-article.js';
import { publishDueArticles } from '../../src/services/scheduler.js';
import { FIXTURE_NOW, loadNewsroomFixture, type FixtureIds } from '../fixtures/newsroom.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom, htmlProblems } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

for (const backend of BACKENDS) {
  describe.skipIf(backend.skipReason !== null)(`the newsroom on ${backend.name}`, () => {
    let storage: TestStorage;
    let t: TestApp;
    let ids: FixtureIds;
    const article = {
      headline: 'Ferry Timetable Changes From Monday',
      standfirst: 'Two late sailings are added.',
      body: 'The ferry operator will add two sailings.\n\nTickets cost the same.',
      section: 'politics',
      authors: 'mei-aoki',
      tags: 'transport, ferries',
      slug: '',
      seoDescription: '',
    };

    beforeAll(async () => {
      storage = await backend.open();
      ids = await loadNewsroomFixture(storage.db);
      t = await buildTestApp(storage.db, FIXTURE_NOW);
    });
    afterAll(async () => {
      await t?.close();
      await storage?.destroy();
    });

    describe('first run', () => {
      // Only a newsroom with no account offers the set-up form, so this test gets a database of its own.
      let empty: TestStorage;
      let fresh: TestApp;
      beforeAll(async () => {
        empty = await backend.open();
        fresh = await buildTestApp(empty.db, FIXTURE_NOW);
      });
      afterAll(async () => {
        await fresh?.close();
        await empty?.destroy();
      });

      it('offers to create the owner when no account exists, and signs them in', async () => {
        const owner = new NewsroomClient(fresh.app);
        const page = await owner.get('/newsroom');
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Create the owner');
        expect(await htmlProblems(page.body)).toEqual([]);
        const short = await owner.post('/newsroom/setup', {
          name: 'Owner',
          email: 'owner@example.com',
          password: 'short',
        });
        expect(short.statusCode).toBe(400);
        expect(dom(short.body).querySelector('#password-error')!.text).toContain('12 characters');
        expect(dom(short.body).querySelector('#email')!.getAttribute('value')).toBe('owner@example.com');
        const created = await owner.post('/newsroom/setup', {
          name: 'Owner',
          email: 'owner@example.com',
          password: PASSWORD,
        });
        expect(created.statusCode).toBe(303);
        expect((await owner.get('/newsroom')).body).toContain('Desk');
      });

      it('refuses a second owner once one exists', async () => {
        await ensurePerson(storage.db, PEOPLE.owner);
        const stranger = new NewsroomClient(t.app);
        await stranger.get('/newsroom/login');
        expect(
          (await stranger.post('/newsroom/setup', { name: 'X', email: 'x@example.com', password: PASSWORD }))
            .statusCode,
        ).toBe(403);
      });
    });

    describe('security', () => {
      beforeAll(async () => {
        await ensurePerson(storage.db, PEOPLE.casey);
        await ensurePerson(storage.db, PEOPLE.eden);
      });

      it('sends pages to sign-in when nobody is signed in', async () => {
        const res = await new NewsroomClient(t.app).get('/newsroom/articles');
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toContain('/newsroom/login');
      });

      it('refuses a signed-out form post with 401 and the sign-in form, never a redirect', async () => {
        const stranger = new NewsroomClient(t.app);
        await stranger.get('/newsroom/login');
        const res = await stranger.post('/newsroom/users', {
          name: 'X',
          email: 'x@example.com',
          role: 'admin',
          password: PASSWORD,
        });
        expect(res.statusCode).toBe(401);
        expect(dom(res.body).querySelector('h1')!.text).toBe('Sign in');
      });

      it('sets an httpOnly, SameSite session cookie scoped to the newsroom', async () => {
        const c = new NewsroomClient(t.app);
        await c.get('/newsroom/login');
        const res = await c.post('/newsroom/login', { email: 'eden@example.com', password: PASSWORD });
        const cookie = [res.headers['set-cookie']].flat().find((h) => String(h).startsWith('dl_session='))!;
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Lax/);
        expect(cookie).toMatch(/Path=\/newsroom/);
      });

      it('drops NUL characters from form fields, so a sign-in carrying one is answered like any other', async () => {
        const c = new NewsroomClient(t.app);
        await c.get('/newsroom/login');
        const nul = await c.post('/newsroom/login', { email: '\u0000', password: '\u0000' });
        expect(nul.statusCode).toBe(401);
        const signedIn = await c.post('/newsroom/login', { email: 'eden@exa\u0000mple.com', password: PASSWORD });
        expect(signedIn.statusCode).toBe(303);
      });

      it('refuses a form without its CSRF token', async () => {
        const c = new NewsroomClient(t.app);
        await c.signIn('eden@example.com', PASSWORD);
        const res = await c.post('/newsroom/articles', { ...article, action: 'save' }, { csrf: 'wrong' });
        expect(res.statusCode).toBe(403);
      });

      it('refuses a form posted from another site', async () => {
        const c = new NewsroomClient(t.app);
        await c.signIn('eden@example.com', PASSWORD);
        const res = await c.post(
          '/newsroom/articles',
          { ...article, action: 'save' },
          { headers: { 'sec-fetch-site': 'cross-site' } },
        );
        expect(res.statusCode).toBe(403);
      });

      it('throttles sign-in after repeated failures for one account', async () => {
        await ensurePerson(storage.db, PEOPLE.casey);
        const c = new NewsroomClient(t.app);
        await c.get('/newsroom/login');
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++)
          statuses.push(
            (await c.post('/newsroom/login', { email: 'casey@example.com', password: 'wrong password!' })).statusCode,
          );
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
        // Even the right password waits out the throttle.
        expect((await c.post('/newsroom/login', { email: 'casey@example.com', password: PASSWORD })).statusCode).toBe(
          429,
        );
      });

      it('signs out, and signs out everywhere', async () => {
        await ensurePerson(storage.db, PEOPLE.eden);
        const a = new NewsroomClient(t.app);
        const b = new NewsroomClient(t.app);
        await a.signIn('eden@example.com', PASSWORD);
        await b.signIn('eden@example.com', PASSWORD);
        await a.get('/newsroom');
        expect((await a.post('/newsroom/logout-everywhere', {})).statusCode).toBe(303);
        expect((await b.get('/newsroom/articles')).statusCode).toBe(303);
      });
    });

    describe('passwords', () => {
      it('lets a person change their own password, ending their other sessions but not this one', async () => {
        await ensurePerson(storage.db, PEOPLE.pat);
        const here = new NewsroomClient(t.app);
        const elsewhere = new NewsroomClient(t.app);
        await here.signIn('pat@example.com', PASSWORD);
        await elsewhere.signIn('pat@example.com', PASSWORD);
        const page = await here.get('/newsroom/account');
        expect(page.statusCode).toBe(200);
        expect(await htmlProblems(page.body)).toEqual([]);
        const wrong = await here.post('/newsroom/account', {
          current: 'not my password',
          password: 'short',
          confirm: 'other',
        });
        expect(wrong.statusCode).toBe(400);
        const errors = dom(wrong.body);
        expect(errors.querySelector('#current-error')!.text).toContain('not your current password');
        expect(errors.querySelector('#password-error')!.text).toContain('12 characters');
        expect(errors.querySelector('#confirm-error')!.text).toContain('differ');
        const next = 'a fresh and longer password';
        const ok = await here.post('/newsroom/account', { current: PASSWORD, password: next, confirm: next });
        expect(ok.statusCode).toBe(303);
        expect((await here.get('/newsroom/account?saved=1')).body).toContain('Your password is changed');
        expect((await elsewhere.get('/newsroom/articles')).statusCode).toBe(303);
        expect((await new NewsroomClient(t.app).signIn('pat@example.com', PASSWORD)).statusCode).toBe(401);
        expect((await new NewsroomClient(t.app).signIn('pat@example.com', next)).statusCode).toBe(303);
      });

      it('throttles guesses of the current password as it throttles sign-ins', async () => {
        await ensurePerson(storage.db, PEOPLE.quinn);
        const thief = new NewsroomClient(t.app);
        await thief.signIn('quinn@example.com', PASSWORD);
        await thief.get('/newsroom/account');
        const guess = (current: string) =>
          thief.post('/newsroom/account', { current, password: 'a new long password', confirm: 'a new long password' });
        for (let n = 0; n < 5; n++)
          expect(dom((await guess(`guess number ${n}`)).body).querySelector('#current-error')!.text).toContain(
            'not your current',
          );
        // Even the right password is refused now, and sign-in for the account is throttled too.
        expect(dom((await guess(PASSWORD)).body).querySelector('#current-error')!.text).toContain(
          'Too many wrong passwords',
        );
        expect((await new NewsroomClient(t.app).signIn('quinn@example.com', PASSWORD)).statusCode).toBe(429);
      });

      it('lets an admin set a new password for someone, which signs them out; only admins may', async () => {
        const user = await ensurePerson(storage.db, PEOPLE.pat, 'a fresh and longer password');
        await ensurePerson(storage.db, PEOPLE.eden);
        await ensurePerson(storage.db, PEOPLE.owner);
        const pat = new NewsroomClient(t.app);
        await pat.signIn('pat@example.com', 'a fresh and longer password');
        const eden = new NewsroomClient(t.app);
        await eden.signIn('eden@example.com', PASSWORD);
        await eden.get('/newsroom');
        expect(
          (await eden.post(`/newsroom/users/${user.id}`, { change: 'password', password: 'set by an editor!' }))
            .statusCode,
        ).toBe(403);
        const admin = new NewsroomClient(t.app);
        await admin.signIn('owner@example.com', PASSWORD);
        await admin.get('/newsroom/users');
        const weak = await admin.post(`/newsroom/users/${user.id}`, { change: 'password', password: 'short' });
        expect(weak.statusCode).toBe(400);
        expect(weak.body).toContain('The password was not set: Use at least 12 characters.');
        const set = await admin.post(`/newsroom/users/${user.id}`, { change: 'password', password: PASSWORD });
        expect(set.statusCode).toBe(200);
        expect(set.body).toContain('Password set');
        expect((await pat.get('/newsroom/articles')).statusCode).toBe(303);
        expect((await new NewsroomClient(t.app).signIn('pat@example.com', PASSWORD)).statusCode).toBe(303);
      });
    });

    describe('the role × action matrix, enforced on the server', () => {
      // Each action as a direct request, with the exact answer it gets when the role allows it; refused is 403.
      const ACTIONS: Record<string, (c: NewsroomClient) => Promise<number>> = {
        'open the editor': async (c) => (await c.get('/newsroom/articles/new')).statusCode,
        'publish an article': async (c) =>
          (
            await c.post('/newsroom/articles', {
              headline: 'Matrix',
              body: 'Text.',
              section: 'politics',
              action: 'publish',
            })
          ).statusCode,
        'schedule an article': async (c) =>
          (
            await c.post('/newsroom/articles', {
              headline: 'Matrix',
              body: 'Text.',
              section: 'politics',
              action: 'schedule',
              scheduleAt: '2030-01-01T10:00',
            })
          ).statusCode,
        'unpublish an article': async (c) => {
          const row = await storage.db
            .selectFrom('article')
            .select(['id', 'revision'])
            .where('id', '=', ids.business[1]!)
            .executeTakeFirstOrThrow();
          const res = await c.post(`/newsroom/articles/${row.id}`, {
            headline: 'Business story 2',
            body: 'x',
            section: 'business',
            revision: String(row.revision),
            action: 'unpublish',
          });
          if (res.statusCode === 303) {
            const again = await storage.db
              .selectFrom('article')
              .select('revision')
              .where('id', '=', row.id)
              .executeTakeFirstOrThrow();
            await c.post(`/newsroom/articles/${row.id}`, {
              headline: 'Business story 2',
              body: 'x',
              section: 'business',
              revision: String(again.revision),
              action: 'publish',
            });
          }
          return res.statusCode;
        },
        'add a correction': async (c) =>
          (
            await c.post(`/newsroom/articles/${ids.reference}/corrections`, {
              kind: 'clarification',
              text: 'Matrix check.',
            })
          ).statusCode,
        curate: async (c) => (await c.get('/newsroom/curation')).statusCode,
        'manage users': async (c) => (await c.get('/newsroom/users')).statusCode,
        'manage sections': async (c) => (await c.get('/newsroom/sections')).statusCode,
        'manage site settings': async (c) => (await c.post('/newsroom/settings', {})).statusCode,
      };
      // Pages open with 200, saves redirect with 303; the empty settings form reaches validation, which refuses it (400).
      const ALLOWED_STATUS: Record<string, number> = {
        'open the editor': 200,
        'publish an article': 303,
        'schedule an article': 303,
        'unpublish an article': 303,
        'add a correction': 303,
        curate: 200,
        'manage users': 200,
        'manage sections': 200,
        'manage site settings': 400,
      };
      const EXPECTED: Record<string, string[]> = {
        contributor: ['open the editor'],
        editor: [
          'open the editor',
          'publish an article',
          'schedule an article',
          'unpublish an article',
          'add a correction',
          'curate',
        ],
        admin: Object.keys(ACTIONS),
      };
      for (const role of ['contributor', 'editor', 'admin'] as const) {
        for (const [action, attempt] of Object.entries(ACTIONS)) {
          const allowed = EXPECTED[role]!.includes(action);
          it(`${allowed ? 'lets' : 'refuses'} a ${role} ${allowed ? '' : 'who tries to '}${action}`, async () => {
            const email = `matrix-${role}@example.com`;
            await ensurePerson(storage.db, { email, name: `Matrix ${role}`, role });
            const c = new NewsroomClient(t.app);
            await c.signIn(email, PASSWORD);
            await c.get('/newsroom');
            expect(await attempt(c)).toBe(allowed ? ALLOWED_STATUS[action] : 403);
          });
        }
      }
    });

    describe('writing and review', () => {
      let casey: NewsroomClient;
      let eden: NewsroomClient;
      beforeAll(async () => {
        await ensurePerson(storage.db, PEOPLE.owner);
        await ensurePerson(storage.db, PEOPLE.casey);
        await ensurePerson(storage.db, PEOPLE.eden);
        casey = new NewsroomClient(t.app);
        eden = new NewsroomClient(t.app);
        await casey.signIn('casey@example.com', PASSWORD);
        await eden.signIn('eden@example.com', PASSWORD);
      });

      it('keeps everything typed and says what is wrong next to the field', async () => {
        await casey.get('/newsroom/articles/new');
        const res = await casey.post('/newsroom/articles', { ...article, headline: '', action: 'save' });
        expect(res.statusCode).toBe(400);
        const page = dom(res.body);
        expect(page.querySelector('#headline-error')!.text).toBe('Write a headline.');
        expect(page.querySelector('#body')!.text).toBe(article.body);
        expect(await htmlProblems(res.body)).toEqual([]);
      });

      it('lets a contributor save a draft and submit it, but not publish it', async () => {
        await casey.get('/newsroom/articles/new');
        const saved = await casey.post('/newsroom/articles', { ...article, action: 'save' });
        expect(saved.statusCode).toBe(303);
        const url = String(saved.headers.location).replace('?saved=1', '');
        const editor = await casey.get(url);
        expect(
          dom(editor.body)
            .querySelectorAll('button[name="action"]')
            .map((b) => b.getAttribute('value')),
        ).toEqual(['save', 'submit']);
        const revision = dom(editor.body).querySelector('input[name="revision"]')!.getAttribute('value')!;
        const publish = await casey.post(url, { ...article, revision, action: 'publish' });
        expect(publish.statusCode).toBe(403);
        const submit = await casey.post(url, { ...article, revision, action: 'submit' });
        expect(submit.statusCode).toBe(303);
        // Submitted: the contributor can no longer change it.
        const after = await casey.get(url);
        expect(dom(after.body).querySelectorAll('button[name="action"]')).toHaveLength(0);
      });

      it('lets an editor send an article back with a note, then publish it', async () => {
        const { id } = await casey.createArticle({ ...article, action: 'submit' });
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'revision'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const url = `/newsroom/articles/${row.id}`;
        await eden.get(url);
        const back = await eden.post(url, {
          ...article,
          revision: String(row.revision),
          action: 'send-back',
          note: 'Add the fares.',
        });
        expect(back.statusCode).toBe(303);
        expect((await casey.get(url)).body).toContain('Add the fares.');
        const again = await eden.get(url);
        const revision = dom(again.body).querySelector('input[name="revision"]')!.getAttribute('value')!;
        expect((await eden.post(url, { ...article, revision, action: 'publish' })).statusCode).toBe(303);
        const published = await storage.db
          .selectFrom('article')
          .select(['status', 'first_published_at'])
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow();
        expect(published.status).toBe('published');
        expect(published.first_published_at).toBe(FIXTURE_NOW.getTime());
      });

      it('merges a save made on an old revision with the one made meanwhile, never overwriting it silently', async () => {
        const { id } = await eden.createArticle({ ...article, action: 'publish' });
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'revision'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const url = `/newsroom/articles/${row.id}`;
        const other = new NewsroomClient(t.app);
        await other.signIn('owner@example.com', PASSWORD);
        await other.get(url);
        await eden.get(url);
        const theirBody = 'The ferry operator will add three sailings.\n\nTickets cost the same.';
        const first = await other.post(url, {
          ...article,
          body: theirBody,
          revision: String(row.revision),
          action: 'save',
        });
        expect(first.statusCode).toBe(303);
        const second = await eden.post(url, {
          ...article,
          standfirst: 'Eden changed the standfirst.',
          revision: String(row.revision),
          action: 'save',
        });
        expect(second.statusCode).toBe(409);
        const page = dom(second.body);
        expect(await htmlProblems(second.body)).toEqual([]);
        const panel = page.querySelector('.nr-conflict')!.text;
        expect(panel).toContain('Owner saved this article at');
        expect(panel).toContain('Their changes to the body are merged');
        expect(panel).toContain('None of your changes clash');
        // Nothing was saved over theirs; the form holds both edits and their revision.
        expect(
          (
            await storage.db
              .selectFrom('article')
              .select('standfirst')
              .where('id', '=', row.id)
              .executeTakeFirstOrThrow()
          ).standfirst,
        ).toBe(article.standfirst);
        expect(page.querySelector('#standfirst')!.text).toBe('Eden changed the standfirst.');
        expect(page.querySelector('#body')!.text).toBe(theirBody);
        const revision = page.querySelector('form.nr-editor input[name="revision"]')!.getAttribute('value')!;
        expect(Number(revision)).toBe(row.revision + 1);
        expect(
          (
            await eden.post(url, {
              ...article,
              standfirst: 'Eden changed the standfirst.',
              body: theirBody,
              revision,
              action: 'save',
            })
          ).statusCode,
        ).toBe(303);
        const saved = await storage.db
          .selectFrom('article')
          .select(['standfirst', 'body_text'])
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow();
        expect(saved.standfirst).toBe('Eden changed the standfirst.');
        expect(saved.body_text).toContain('three sailings');
      });

      it('keeps my version where both changed the same part, shows theirs, and lets me take over', async () => {
        const { id } = await eden.createArticle({ ...article, action: 'publish' });
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'revision', 'headline'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const url = `/newsroom/articles/${row.id}`;
        const other = new NewsroomClient(t.app);
        await other.signIn('owner@example.com', PASSWORD);
        await other.get(url);
        await eden.get(url);
        const current = dom((await eden.get(url)).body);
        const mine = {
          ...article,
          standfirst: current.querySelector('#standfirst')!.text,
          body: current.querySelector('#body')!.text,
        };
        expect(
          (
            await other.post(url, {
              ...mine,
              tags: 'ferries',
              body: `${mine.body}\n\nOwner added a closing line.`,
              revision: String(row.revision),
              action: 'save',
            })
          ).statusCode,
        ).toBe(303);
        const clash = await eden.post(url, {
          ...mine,
          tags: 'transport, timetables',
          body: `${mine.body}\n\nEden added a different closing line.`,
          revision: String(row.revision),
          action: 'save',
        });
        expect(clash.statusCode).toBe(409);
        const page = dom(clash.body);
        expect(page.querySelector('.nr-conflict')!.text).toContain('You both changed the body, tags');
        const diffs = page.querySelectorAll('.nr-conflict .nr-diff');
        expect(diffs.map((d) => d.querySelector('h3')!.text)).toEqual([
          'Both changed the body',
          'Both changed the tags',
        ]);
        expect(diffs[0]!.querySelector('.nr-theirs pre')!.text).toBe('Owner added a closing line.');
        expect(diffs[0]!.querySelector('.nr-mine pre')!.text).toBe('Eden added a different closing line.');
        expect(page.querySelector('#tags')!.getAttribute('value')).toBe('transport, timetables');
        // Take over: the hidden form carries my whole version and their revision.
        const takeOver = page.querySelector('form.nr-takeover')!;
        const fields = Object.fromEntries(
          takeOver.querySelectorAll('input').map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
        );
        expect(fields.body).toBe(`${mine.body}\n\nEden added a different closing line.`);
        expect((await eden.post(url, { ...fields, action: 'save' }, { csrf: fields._csrf! })).statusCode).toBe(303);
        const saved = await storage.db
          .selectFrom('article')
          .select(['body_text', 'revision'])
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow();
        expect(saved.body_text).toContain('Eden added a different closing line.');
        expect(saved.body_text).not.toContain('Owner added');
        expect(saved.revision).toBe(row.revision + 2);
      });

      it('keeps the typed text when the session has expired, and brings it back after sign-in', async () => {
        const { id } = await eden.createArticle({ ...article, action: 'publish' });
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'revision'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const url = `/newsroom/articles/${row.id}`;
        const c = new NewsroomClient(t.app);
        await c.signIn('eden@example.com', PASSWORD);
        await c.get(url);
        c.forgetSession();
        const expired = await c.post(url, {
          ...article,
          body: 'Typed during a long lunch.',
          revision: String(row.revision),
          action: 'save',
        });
        expect(expired.statusCode).toBe(401);
        const login = dom(expired.body);
        const resumeData = login.querySelector('input[name="resume_data"]')!.getAttribute('value')!;
        const back = await c.post('/newsroom/login', {
          email: 'eden@example.com',
          password: PASSWORD,
          resume_to: url,
          resume_data: resumeData,
        });
        expect(back.statusCode).toBe(200);
        expect(dom(back.body).querySelector('#body')!.text).toBe('Typed during a long lunch.');
      });

      it('shows "Updated" on the site only after a significant update', async () => {
        const { id } = await eden.createArticle({ ...article, action: 'publish' });
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'revision'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const url = `/newsroom/articles/${row.id}`;
        await eden.get(url);
        await eden.post(url, { ...article, revision: String(row.revision), action: 'save' });
        const publicPath = `/politics/${'20260122'}-${row.id}/`;
        expect((await t.app.inject(publicPath)).body).not.toContain('Updated');
        const page = dom((await eden.get(url)).body);
        const revision = page.querySelector('input[name="revision"]')!.getAttribute('value')!;
        await eden.post(url, { ...article, revision, significant: 'on', action: 'save' });
        expect((await t.app.inject(publicPath)).body).toContain('Updated');
      });

      it('adds a correction that shows on the article and on /corrections', async () => {
        const { id } = await eden.createArticle({ ...article, action: 'publish' });
        const row = await storage.db
          .selectFrom('article')
          .select(['id'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        await eden.get(`/newsroom/articles/${row.id}`);
        const res = await eden.post(`/newsroom/articles/${row.id}/corrections`, {
          kind: 'correction',
          text: 'The fare is 500 yen, not 600.',
        });
        expect(res.statusCode).toBe(303);
        expect((await t.app.inject(`/politics/20260122-${row.id}/`)).body).toContain('The fare is 500 yen, not 600.');
        const list = await t.app.inject('/corrections/');
        expect(list.body).toContain('The fare is 500 yen, not 600.');
        expect(await htmlProblems(list.body)).toEqual([]);
      });

      it('schedules an article and publishes it exactly once when its time comes', async () => {
        await eden.get('/newsroom/articles/new');
        const res = await eden.post('/newsroom/articles', {
          ...article,
          headline: 'Night Market Returns to the Riverside',
          action: 'schedule',
          scheduleAt: '2026-01-22T10:00',
        });
        expect(res.statusCode).toBe(303);
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'status', 'published_at'])
          .where('id', '=', Number(/articles\/(\d+)/.exec(String(res.headers.location))?.[1]))
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('scheduled');
        expect(new Date(row.published_at!).toISOString()).toBe('2026-01-22T01:00:00.000Z');
        expect(await publishDueArticles(storage.db, new Date('2026-01-22T00:59:00Z'))).toEqual([]);
        const due = new Date('2026-01-22T01:00:30Z');
        const [a, b] = await Promise.all([publishDueArticles(storage.db, due), publishDueArticles(storage.db, due)]);
        expect([...a!, ...b!].filter((id) => id === row.id)).toHaveLength(1);
        // One revision of the schedule's own, numbered as the article's counter now stands, its copy published.
        const revisions = await storage.db
          .selectFrom('article_revision')
          .select(['revision', 'status', 'by_schedule', 'saved_by', 'snapshot'])
          .where('article_id', '=', row.id)
          .orderBy('revision')
          .execute();
        const { revision } = await storage.db
          .selectFrom('article')
          .select('revision')
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow();
        expect(revisions.filter((r) => r.by_schedule === 1)).toEqual([
          expect.objectContaining({ revision, status: 'published', saved_by: null }),
        ]);
        expect(revisions.at(-1)!.revision).toBe(revision);
        expect(JSON.parse(revisions.at(-1)!.snapshot)).toMatchObject({ status: 'published' });
        expect(JSON.parse(revisions.at(-2)!.snapshot)).toMatchObject({ status: 'scheduled' });
      });

      it('refuses a schedule time in the past with a message by the field', async () => {
        await eden.get('/newsroom/articles/new');
        const res = await eden.post('/newsroom/articles', {
          ...article,
          action: 'schedule',
          scheduleAt: '2020-01-01T10:00',
        });
        expect(res.statusCode).toBe(400);
        expect(dom(res.body).querySelector('#scheduleAt-error')!.text).toBe('Choose a time in the future.');
      });

      it('refuses a schedule time that does not exist, keeping what was typed, instead of moving it', async () => {
        await eden.get('/newsroom/articles/new');
        const impossible = {
          '2030-02-30T10:00': 'February 2030 has no day 30.',
          '2030-13-01T10:00': 'There is no month 13; months run from 01 to 12.',
          '2030-01-01T25:00': 'There is no hour 25; hours run from 00 to 23.',
        };
        for (const [scheduleAt, message] of Object.entries(impossible)) {
          const res = await eden.post('/newsroom/articles', { ...article, action: 'schedule', scheduleAt });
          expect(res.statusCode).toBe(400);
          const page = dom(res.body);
          expect(page.querySelector('#scheduleAt-error')!.text).toBe(message);
          expect(page.querySelector('#scheduleAt')!.getAttribute('value')).toBe(scheduleAt);
        }
      });

      it('answers malformed ids and unknown articles with 404, never 500', async () => {
        expect((await eden.get('/newsroom/articles/abc')).statusCode).toBe(404);
        expect((await eden.get('/newsroom/articles/99999999')).statusCode).toBe(404);
        expect(
          (await eden.post('/newsroom/articles/99999999', { ...article, action: 'save', revision: '1' })).statusCode,
        ).toBe(404);
        expect((await eden.post('/newsroom/articles', { ...article, action: 'explode' })).statusCode).toBe(400);
      });

      it('uploads a main photo, re-encodes it into responsive variants and shows it on the site', async () => {
        await eden.get('/newsroom/articles/new');
        const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#446688' } })
          .jpeg()
          .toBuffer();
        const res = await eden.postMultipart(
          '/newsroom/articles',
          {
            ...article,
            headline: 'Harbour Lights Festival Opens',
            photoCaption: 'Lanterns on the quay',
            photoCredit: 'Desk photo',
            photoAlt: 'Paper lanterns along a harbour wall',
            action: 'publish',
          },
          { field: 'photo', name: 'lanterns.jpg', type: 'image/jpeg', bytes: jpeg },
        );
        expect(res.statusCode).toBe(303);
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'photo_media_id'])
          .where('id', '=', Number(/articles\/(\d+)/.exec(String(res.headers.location))?.[1]))
          .executeTakeFirstOrThrow();
        const variants = await storage.db
          .selectFrom('media_variant')
          .select('name')
          .where('media_id', '=', row.photo_media_id!)
          .execute();
        expect(variants.map((v) => v.name).sort()).toEqual([
          // The crops for search results and shared links (domain/media.ts CROPS), then the responsive widths.
          'c16x9.jpg',
          'c1x1.jpg',
          'c4x3.jpg',
          'og.jpg',
          'w1200.avif',
          'w1200.jpg',
          'w1200.webp',
          'w400.avif',
          'w400.jpg',
          'w400.webp',
          'w800.avif',
          'w800.jpg',
          'w800.webp',
        ]);
        const page = dom((await t.app.inject(`/politics/20260122-${row.id}/`)).body);
        expect(page.querySelector('.main-photo img')!.getAttribute('alt')).toBe('Paper lanterns along a harbour wall');
        const [avif, webp] = page.querySelectorAll('.main-photo source');
        expect(avif!.getAttribute('srcset')).toContain('w800.avif 800w');
        expect(webp!.getAttribute('srcset')).toContain('w800.webp 800w');
        const avifBytes = await storage.db
          .selectFrom('media_variant')
          .select('bytes')
          .where('media_id', '=', row.photo_media_id!)
          .where('name', '=', 'w800.avif')
          .executeTakeFirstOrThrow();
        expect((await sharp(Buffer.from(avifBytes.bytes)).metadata()).format).toBe('heif');
      });

      it('refuses a file that is not an image with a message by the field, keeping the text', async () => {
        await eden.get('/newsroom/articles/new');
        const res = await eden.postMultipart(
          '/newsroom/articles',
          { ...article, photoAlt: 'x', action: 'save' },
          { field: 'photo', name: 'notes.jpg', type: 'image/jpeg', bytes: Buffer.from('this is not a picture at all') },
        );
        expect(res.statusCode).toBe(400);
        const page = dom(res.body);
        expect(page.querySelector('#photo-error')!.text).toContain('not an image we can read');
        expect(page.querySelector('#body')!.text).toBe(article.body);
      });

      it('refuses a photo cut short in transfer with a message by the field, keeping the text', async () => {
        const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#336699' } })
          .jpeg()
          .toBuffer();
        await eden.get('/newsroom/articles/new');
        const res = await eden.postMultipart(
          '/newsroom/articles',
          { ...article, photoAlt: 'x', action: 'save' },
          {
            field: 'photo',
            name: 'cut.jpg',
            type: 'image/jpeg',
            bytes: whole.subarray(0, Math.floor(whole.length / 3)),
          },
        );
        expect(res.statusCode).toBe(400);
        const page = dom(res.body);
        expect(page.querySelector('#photo-error')!.text).toContain('cut short or damaged');
        expect(page.querySelector('#body')!.text).toBe(article.body);
      });

      it('asks for alt text when a photo is attached', async () => {
        await eden.get('/newsroom/articles/new');
        const png = await sharp({ create: { width: 500, height: 300, channels: 3, background: '#aa3333' } })
          .png()
          .toBuffer();
        const res = await eden.postMultipart(
          '/newsroom/articles',
          { ...article, action: 'save' },
          { field: 'photo', name: 'red.png', type: 'image/png', bytes: png },
        );
        expect(res.statusCode).toBe(400);
        const page = dom(res.body);
        expect(page.querySelector('#photoAlt-error')!.text).toContain('Describe the photo');
        // The upload is kept for the next try: the form carries its media id.
        expect(page.querySelector('input[name="photoMediaId"]')!.getAttribute('value')).toMatch(/^\d+$/);
      });

      it('places an image in the body from the form without JavaScript, asking for its alt text', async () => {
        await eden.get('/newsroom/articles/new');
        const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#336644' } })
          .jpeg()
          .toBuffer();
        const file = { field: 'bodyImage', name: 'quay.jpg', type: 'image/jpeg', bytes: jpeg };
        const values = { ...article, headline: 'Quay Repairs Finish Early', action: 'publish' };
        const noAlt = await eden.postMultipart('/newsroom/articles', values, file);
        expect(noAlt.statusCode).toBe(400);
        expect(dom(noAlt.body).querySelector('#bodyImageAlt-error')!.text).toContain('Describe the image');
        expect(dom(noAlt.body).querySelector('#body')!.text).toBe(article.body);

        const res = await eden.postMultipart(
          '/newsroom/articles',
          {
            ...values,
            bodyImageAlt: 'Workers resurfacing a stone quay',
            bodyImageCaption: 'The east quay on Tuesday',
            bodyImageCredit: 'Desk photo',
          },
          file,
        );
        expect(res.statusCode).toBe(303);
        const row = await storage.db
          .selectFrom('article')
          .select(['id', 'body'])
          .where('id', '=', Number(/articles\/(\d+)/.exec(String(res.headers.location))?.[1]))
          .executeTakeFirstOrThrow();
        const last = (JSON.parse(row.body) as { type: string; mediaId?: number }[]).at(-1)!;
        expect(last).toMatchObject({
          type: 'image',
          alt: 'Workers resurfacing a stone quay',
          caption: 'The east quay on Tuesday',
          credit: 'Desk photo',
        });
        const figure = dom((await t.app.inject(`/politics/20260122-${row.id}/`)).body).querySelector(
          '.article-body figure.body-image',
        )!;
        expect(figure.querySelector('img')!.getAttribute('alt')).toBe('Workers resurfacing a stone quay');
        expect(figure.querySelector('figcaption')!.text).toContain('The east quay on Tuesday');
        // The editor shows the image's lines in the body and gives the rich editor its preview address.
        const editor = dom((await eden.get(`/newsroom/articles/${row.id}`)).body).querySelector('#body')!;
        expect(editor.text).toContain(
          `![Workers resurfacing a stone quay](media:${last.mediaId})\nCaption: The east quay on Tuesday`,
        );
        expect(JSON.parse(editor.getAttribute('data-media')!)).toHaveProperty(String(last.mediaId));
      });

      it('stores an image for the rich editor and answers in JSON, refusing bad files and requests', async () => {
        await eden.get('/newsroom/articles/new');
        const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#224466' } })
          .png()
          .toBuffer();
        const ok = await eden.postMultipart(
          '/newsroom/media',
          {},
          { field: 'file', name: 'chart.png', type: 'image/png', bytes: png },
        );
        expect(ok.statusCode).toBe(200);
        const stored = ok.json() as { id: number; preview: string };
        expect(stored.preview).toMatch(new RegExp(`^/media/${stored.id}-[0-9a-f]{16}/w400\\.jpg$`));
        expect((await t.app.inject(stored.preview)).headers['content-type']).toBe('image/jpeg');

        const junk = await eden.postMultipart(
          '/newsroom/media',
          {},
          { field: 'file', name: 'chart.png', type: 'image/png', bytes: Buffer.from('not a picture') },
        );
        expect(junk.statusCode).toBe(400);
        expect(junk.json()).toMatchObject({ error: { code: 'image_rejected' } });
        expect((await eden.postMultipart('/newsroom/media', { note: 'no file' })).json()).toMatchObject({
          error: { code: 'no_file' },
        });
        const huge = await eden.postMultipart(
          '/newsroom/media',
          {},
          { field: 'file', name: 'huge.png', type: 'image/png', bytes: Buffer.alloc(15 * 1024 * 1024 + 1) },
        );
        expect(huge.statusCode).toBe(413);
        expect(huge.json()).toMatchObject({
          error: { code: 'image_rejected', message: expect.stringContaining('larger than 15 MB') },
        });
        const noToken = await eden.postMultipart(
          '/newsroom/media',
          {},
          { field: 'file', name: 'c.png', type: 'image/png', bytes: png },
          { csrf: null },
        );
        expect(noToken.statusCode).toBe(403);
        const stranger = new NewsroomClient(t.app);
        const signedOut = await stranger.postMultipart(
          '/newsroom/media',
          {},
          { field: 'file', name: 'c.png', type: 'image/png', bytes: png },
        );
        expect(signedOut.statusCode).toBe(401);
        expect(signedOut.json()).toMatchObject({ error: { code: 'signed_out' } });

        // The rich editor's body, as markup, places the stored image; an id not in the library is refused by the field.
        const placed = await eden.postMultipart('/newsroom/articles', {
          ...article,
          headline: 'Chart of Ferry Use',
          body: `Use rose in spring.\n\n![A bar chart of monthly ferry passengers](media:${stored.id})`,
          action: 'save',
        });
        expect(placed.statusCode).toBe(303);
        const missing = await eden.postMultipart('/newsroom/articles', {
          ...article,
          body: 'Text.\n\n![Gone](media:987654321)',
          action: 'save',
        });
        expect(missing.statusCode).toBe(400);
        expect(dom(missing.body).querySelector('#body-error')!.text).toContain('media:987654321');
      });

      it('shows the image library as a page with the line that places each image, and as JSON for the editor', async () => {
        const page = await eden.get('/newsroom/media');
        expect(page.statusCode).toBe(200);
        expect(await htmlProblems(page.body)).toEqual([]);
        const lines = dom(page.body)
          .querySelectorAll('.nr-library code')
          .map((c) => c.text);
        const newest = await storage.db
          .selectFrom('media')
          .select('id')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(lines[0]).toBe(`![Describe the image](media:${newest.id})`);
        const json = await t.app.inject({
          url: '/newsroom/media?page=1',
          headers: { accept: 'application/json', cookie: eden.cookieHeader() },
        });
        const library = json.json() as { images: { id: number; preview: string }[]; hasOlder: boolean };
        expect(library.images.map((i) => i.id)).toEqual(lines.map((l) => Number(/media:(\d+)/.exec(l)![1])));
        expect(library.hasOlder).toBe(false);
        expect((await t.app.inject(library.images[0]!.preview)).statusCode).toBe(200);
        const bad = await t.app.inject({
          url: '/newsroom/media?page=0',
          headers: { accept: 'application/json', cookie: eden.cookieHeader() },
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.json()).toMatchObject({ error: { code: 'invalid_page_number' } });
        expect(
          (await t.app.inject({ url: '/newsroom/media', headers: { accept: 'application/json' } })).statusCode,
        ).toBe(401);
        expect((await new NewsroomClient(t.app).get('/newsroom/media')).statusCode).toBe(303);
      });

      it('keeps a revision for every save, compares two and restores one', async () => {
        await eden.get('/newsroom/articles/new');
        const created = await eden.post('/newsroom/articles', {
          ...article,
          headline: 'Library Hours',
          body: 'Open until six.',
          action: 'save',
        });
        const url = String(created.headers.location).replace('?saved=1', '');
        const rev = async () =>
          dom((await eden.get(url)).body)
            .querySelector('input[name="revision"]')!
            .getAttribute('value')!;
        await eden.post(url, {
          ...article,
          headline: 'Library Hours',
          body: 'Open until nine.',
          revision: await rev(),
          action: 'publish',
        });
        const list = await eden.get(`${url}/revisions?a=1&b=2`);
        expect(list.statusCode).toBe(200);
        const page = dom(list.body);
        // Who did what: each revision's saver and the state the save left the article in.
        expect(
          page.querySelectorAll('tbody tr').map((r) =>
            r
              .querySelectorAll('td')
              .slice(2, 6)
              .map((c) => c.text),
          ),
        ).toEqual([
          ['2', expect.any(String), 'Eden Editor', 'Published'],
          ['1', expect.any(String), 'Eden Editor', 'Draft'],
        ]);
        expect(page.querySelector('.diff-removed')!.text).toContain('Open until six.');
        expect(page.querySelector('.diff-added')!.text).toContain('Open until nine.');
        expect(await htmlProblems(list.body)).toEqual([]);
        expect((await eden.post(`${url}/revisions/1/restore`, {})).statusCode).toBe(303);
        expect(dom((await eden.get(url)).body).querySelector('#body')!.text).toBe('Open until six.');
        expect(await rev()).toBe('3');
      });

      it("orders the home page top stories and a section's pins from the curation page", async () => {
        await eden.get('/newsroom/curation');
        const res = await eden.post('/newsroom/curation', {
          scope: 'home',
          [`pos_${ids.business[0]}`]: '1',
          [`pos_${ids.reference}`]: '2',
        });
        expect(res.statusCode).toBe(303);
        const home = dom((await t.app.inject('/')).body);
        expect(home.querySelector('.lead-headline')!.text).toBe('Business story 1');
        const pins = await eden.post('/newsroom/curation', { scope: 'politics', [`pos_${ids.politics[2]}`]: '1' });
        expect(pins.statusCode).toBe(303);
        const box = dom(
          (await t.app.inject(`/politics/defense-security/20260121-${ids.reference}/`)).body,
        ).querySelector('.article-aside .headline-box a')!;
        expect(box.getAttribute('href')).toContain(`-${ids.politics[2]}/`);
        const bad = await eden.post('/newsroom/curation', { scope: 'home', [`pos_${ids.reference}`]: 'first' });
        expect(bad.statusCode).toBe(400);
        expect(dom(bad.body).querySelector('.nr-error')!.text).toContain('whole numbers');
      });

      it('lets an admin add a user, change their role and disable them, which signs them out', async () => {
        const admin = new NewsroomClient(t.app);
        await admin.signIn('owner@example.com', PASSWORD);
        await admin.get('/newsroom/users');
        const bad = await admin.post('/newsroom/users', {
          name: 'New Person',
          email: 'not-an-email',
          role: 'editor',
          password: PASSWORD,
        });
        expect(bad.statusCode).toBe(400);
        expect(dom(bad.body).querySelector('#email-error')!.text).toContain('email address');
        expect(dom(bad.body).querySelector('#name')!.getAttribute('value')).toBe('New Person');
        expect(
          (
            await admin.post('/newsroom/users', {
              name: 'New Person',
              email: 'new@example.com',
              role: 'contributor',
              password: PASSWORD,
            })
          ).statusCode,
        ).toBe(303);
        const user = await storage.db
          .selectFrom('user_account')
          .select('id')
          .where('email', '=', 'new@example.com')
          .executeTakeFirstOrThrow();
        const person = new NewsroomClient(t.app);
        await person.signIn('new@example.com', PASSWORD);
        expect((await person.get('/newsroom')).statusCode).toBe(200);
        await admin.get('/newsroom/users');
        expect((await admin.post(`/newsroom/users/${user.id}`, { change: 'role', role: 'editor' })).statusCode).toBe(
          303,
        );
        await admin.get('/newsroom/users');
        expect((await admin.post(`/newsroom/users/${user.id}`, { change: 'disable' })).statusCode).toBe(303);
        expect((await person.get('/newsroom/articles')).statusCode).toBe(303);
        const page = await admin.get('/newsroom/users');
        expect(await htmlProblems(page.body)).toEqual([]);
      });

      it('lets an admin change site settings, refusing a bad time zone with a message by the field', async () => {
        const admin = new NewsroomClient(t.app);
        await admin.signIn('owner@example.com', PASSWORD);
        const page = await admin.get('/newsroom/settings');
        expect(await htmlProblems(page.body)).toEqual([]);
        const values = Object.fromEntries(
          dom(page.body)
            .querySelectorAll('form.nr-form input[type="text"]')
            .map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
        );
        const bad = await admin.post('/newsroom/settings', { ...values, timeZone: 'Mars/Olympus' });
        expect(bad.statusCode).toBe(400);
        expect(dom(bad.body).querySelector('#timeZone-error')!.text).toContain('time zone');
        expect((await admin.post('/newsroom/settings', { ...values, shortName: 'HX' })).statusCode).toBe(303);
        t.setNow(FIXTURE_NOW);
        expect((await t.app.inject(`/politics/defense-security/20260121-${ids.reference}/`)).body).toContain(
          'HX ACCESS RANKING',
        );
        await admin.get('/newsroom/settings');
        await admin.post('/newsroom/settings', { ...values, shortName: 'DN' });
      });

      it('lets an admin add a section and a subsection, which get their fronts', async () => {
        const admin = new NewsroomClient(t.app);
        await admin.signIn('owner@example.com', PASSWORD);
        await admin.get('/newsroom/sections');
        expect(
          (await admin.post('/newsroom/sections', { name: 'Weather', slug: 'weather', parent: '', position: '' }))
            .statusCode,
        ).toBe(303);
        expect(
          (
            await admin.post('/newsroom/sections', {
              name: 'Typhoons',
              slug: 'typhoons',
              parent: 'weather',
              position: '',
            })
          ).statusCode,
        ).toBe(303);
        expect((await t.app.inject('/weather/typhoons/')).statusCode).toBe(200);
        const bad = await admin.post('/newsroom/sections', {
          name: 'Static',
          slug: 'static',
          parent: '',
          position: '',
        });
        expect(bad.statusCode).toBe(400);
        expect(dom(bad.body).querySelector('#slug-error')!.text).toContain('taken');
      });

      it('shows the desk with reviews, schedule, changes and what readers are reading', async () => {
        const res = await eden.get('/newsroom');
        expect(res.statusCode).toBe(200);
        const page = dom(res.body);
        expect(page.querySelectorAll('h2').map((h) => h.text)).toEqual([
          'In review',
          'Scheduled',
          'Reading now (24 hours)',
          'Recent changes',
        ]);
        expect(await htmlProblems(res.body)).toEqual([]);
        void ids;
      });
    });

    describe('the article list', () => {
      it('searches the articles in any case, counts and pages through the hits, and reads % and _ as data', async () => {
        await ensurePerson(storage.db, PEOPLE.owner);
        const owner = new NewsroomClient(t.app);
        await owner.signIn('owner@example.com', PASSWORD);
        await owner.get('/newsroom/articles/new');
        for (let n = 1; n <= 53; n++) {
          expect(
            (
              await owner.post('/newsroom/articles', {
                ...article,
                headline: `Tide Table ${n}`,
                slug: `tide-table-${n}`,
                body: 'Low water at noon.',
                action: 'save',
              })
            ).statusCode,
          ).toBe(303);
        }
        await owner.post('/newsroom/articles', {
          ...article,
          headline: 'Rates Rise 100% on the_Ferry',
          slug: 'rates',
          body: 'Fares double.',
          action: 'save',
        });
        await owner.post('/newsroom/articles', {
          ...article,
          headline: 'ÉMILE Zola Letters Found in Ōsaka',
          slug: 'letters',
          body: 'A box of letters.',
          action: 'save',
        });
        const headlines = async (url: string) => {
          const res = await owner.get(url);
          expect(res.statusCode, url).toBe(200);
          return dom(res.body)
            .querySelectorAll('.nr-table tbody tr td:first-child')
            .map((c) => c.text);
        };
        const first = await headlines('/newsroom/articles?q=tide%20TABLE');
        expect(first).toHaveLength(50);
        expect(first[0]).toBe('Tide Table 53');
        const page1 = dom((await owner.get('/newsroom/articles?q=tide+table')).body);
        expect(page1.querySelector('#match-count')!.text).toBe('53 articles match');
        expect(page1.querySelector('.nr-pages span')!.text).toBe('Page 1 of 2');
        expect(page1.querySelector('a[rel="next"]')!.getAttribute('href')).toBe(
          '/newsroom/articles?q=tide+table&page=2',
        );
        expect(await htmlProblems((await owner.get('/newsroom/articles?q=tide+table')).body)).toEqual([]);
        expect(await headlines('/newsroom/articles?q=tide+table&page=2')).toEqual([
          'Tide Table 3',
          'Tide Table 2',
          'Tide Table 1',
        ]);
        const page2 = dom((await owner.get('/newsroom/articles?q=tide+table&page=2')).body);
        expect(page2.querySelector('a[rel="prev"]')!.getAttribute('href')).toBe('/newsroom/articles?q=tide+table');
        expect(page2.querySelector('a[rel="next"]')).toBeNull();
        expect(await headlines('/newsroom/articles?q=table+53&status=draft')).toEqual(['Tide Table 53']);
        expect(await headlines('/newsroom/articles?q=table+53&status=published')).toEqual([]);
        // % and _ separate words, as any punctuation does; they are never wildcards.
        expect(await headlines('/newsroom/articles?q=100%25')).toEqual(['Rates Rise 100% on the_Ferry']);
        expect(await headlines('/newsroom/articles?q=100%25_on')).toEqual(['Rates Rise 100% on the_Ferry']);
        expect(await headlines('/newsroom/articles?q=the_f')).toEqual([]);
        expect(await headlines('/newsroom/articles?q=t%25e')).toEqual([]);
        expect(await headlines(`/newsroom/articles?q=${encodeURIComponent('émile ōsaka')}`)).toEqual([
          'ÉMILE Zola Letters Found in Ōsaka',
        ]);
        for (const bad of [
          '/newsroom/articles?page=0',
          '/newsroom/articles?page=x',
          '/newsroom/articles?q=a&q=b',
          '/newsroom/articles?status=lost',
        ]) {
          expect((await owner.get(bad)).statusCode, bad).toBe(400);
        }
      });
    });

    describe('activity', () => {
      /** An article as the editor form would make it, in the state and with the publish time given. */
      const story = (headline: string, status: ArticleInput['status'], publishedAt: Date | null = null) => ({
        slug: `activity-${headline.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
        headline,
        standfirst: article.standfirst,
        body: [paragraph('Stalls open at five.')],
        sectionId: ids.sections.politics,
        authorIds: [ids.authors.aoki],
        tags: ['activity'],
        photo: null,
        status,
        publishedAt,
        updatedAt: null,
      });

      it('lists who did what to which article, newest first, for editors only', async () => {
        const casey = await ensurePerson(storage.db, PEOPLE.casey);
        const eden = await ensurePerson(storage.db, PEOPLE.eden);
        // An hour after the fixed clock every other test saves at: the list is cut at 100 entries and orders equal
        // times by revision only, so this test's entries must be the newest to be sure to show.
        const at = new Date(FIXTURE_NOW.getTime() + 3600_000);
        t.setNow(at);
        try {
          const save = (id: number | null, input: ArticleInput, by: number) =>
            saveArticle(storage.db, id, input, at, { savedBy: by });
          const draft = { ...story(article.headline, 'draft'), createdBy: casey.id };
          const ferry = await save(null, draft, casey.id);
          await save(ferry, { ...draft, status: 'in_review' }, casey.id);
          await save(ferry, { ...draft, reviewNote: 'Add the fares.' }, eden.id);
          const harbour = await save(null, story('Harbour Lights Festival Opens', 'published', at), eden.id);
          await addCorrection(
            storage.db,
            harbour,
            { kind: 'correction', text: 'The lanterns are paper.' },
            eden.id,
            at,
          );
          // The market goes live on its schedule an hour later, then Eden edits it.
          const goesLive = new Date(at.getTime() + 3600_000);
          const market = await save(null, story('Night Market Opens on the Old Pier', 'scheduled', goesLive), eden.id);
          await publishDueArticles(storage.db, new Date(goesLive.getTime() + 30_000));
          const { revision } = await storage.db
            .selectFrom('article')
            .select('revision')
            .where('id', '=', market)
            .executeTakeFirstOrThrow();
          const editor = new NewsroomClient(t.app);
          await editor.signIn('eden@example.com', PASSWORD);
          // An edit to the article that went live on its schedule is an edit, not its publishing; made after it.
          t.setNow(new Date(goesLive.getTime() + 60_000));
          await editor.get(`/newsroom/articles/${market}`);
          expect(
            (
              await editor.post(`/newsroom/articles/${market}`, {
                ...article,
                headline: 'Night Market Opens on the Old Pier',
                body: 'Stalls open at six.',
                revision: String(revision),
                action: 'save',
              })
            ).statusCode,
          ).toBe(303);
          const res = await editor.get('/newsroom/activity');
          expect(res.statusCode).toBe(200);
          expect(await htmlProblems(res.body)).toEqual([]);
          const rows = dom(res.body)
            .querySelectorAll('tbody tr')
            .map((r) =>
              r
                .querySelectorAll('td')
                .slice(1)
                .map((c) => c.text),
            );
          expect(rows).toContainEqual(['Casey Contributor', 'submitted for review', article.headline]);
          expect(rows).toContainEqual(['Eden Editor', 'sent back', article.headline]);
          expect(rows).toContainEqual(['Eden Editor', 'published', 'Harbour Lights Festival Opens']);
          expect(rows).toContainEqual(['Eden Editor', 'added a correction', expect.any(String)]);
          expect(rows.filter((r) => r[1] === 'started').length).toBeGreaterThan(0);
          // Its going live is in the record too, as the schedule's own (issue 18).
          expect(
            rows.filter((r) => r[2] === 'Night Market Opens on the Old Pier').map((r) => `${r[0]}: ${r[1]}`),
          ).toEqual(['Eden Editor: edited', 'The schedule: published', 'Eden Editor: scheduled']);
          const contributor = new NewsroomClient(t.app);
          await contributor.signIn('casey@example.com', PASSWORD);
          expect((await contributor.get('/newsroom/activity')).statusCode).toBe(403);
        } finally {
          t.setNow(FIXTURE_NOW);
        }
      });
    });

    describe('malformed requests', () => {
      const FIELDS = [
        'headline',
        'body',
        'section',
        'authors',
        'tags',
        'slug',
        'revision',
        'action',
        'photoMediaId',
        'scheduleAt',
        'kind',
        'text',
        'scope',
        'name',
        'email',
        'role',
        'password',
        'current',
        'confirm',
        'change',
        'parent',
        'position',
        'timeZone',
        'baseUrl',
        'resume_to',
        'resume_data',
        'significant',
        'removePhoto',
      ];
      const VALUES = fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.constantFrom(
          '',
          '0',
          '-1',
          '1e309',
          '99999999999999999999',
          'NaN',
          '2147483648',
          '![x](media:3000000000)',
          'Text.\n\n![x](media:2147483648)',
          '/newsroom/articles/1',
          '{"headline":[1]}',
          '2026-02-30T25:61',
          'publish',
          'schedule',
          'politics',
          'x'.repeat(70_000),
          '\u0000',
        ),
      );
      // Random forms with repeated keys (arrays on the server), posted to every state-changing route signed in as the owner.
      const FORMS = fc.array(fc.tuple(fc.constantFrom(...FIELDS), VALUES), { maxLength: 12 });
      const ROUTES = [
        '/newsroom/articles',
        '/newsroom/articles/1',
        '/newsroom/articles/1/revisions/1/restore',
        '/newsroom/articles/999999999999999',
        '/newsroom/articles/2147483648/corrections',
        '/newsroom/users/99999999999',
        '/newsroom/articles/1/corrections',
        '/newsroom/media',
        '/newsroom/curation',
        '/newsroom/users',
        '/newsroom/users/1',
        '/newsroom/settings',
        '/newsroom/sections',
        '/newsroom/account',
        '/newsroom/login',
        '/newsroom/setup',
      ];

      it('answers random forms on every route with a page or a message, never a 500', async () => {
        await ensurePerson(storage.db, PEOPLE.owner);
        const admin = new NewsroomClient(t.app);
        await admin.signIn('owner@example.com', PASSWORD);
        await admin.get('/newsroom');
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...ROUTES), FORMS, async (route, pairs) => {
            const body = new URLSearchParams([['_csrf', admin.csrf], ...pairs]).toString();
            const res = await t.app.inject({
              method: 'POST',
              url: route,
              payload: body,
              headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: admin.cookieHeader() },
            });
            expect(res.statusCode, `${route} ${body.slice(0, 200)}`).toBeLessThan(500);
          }),
          { numRuns: 150 },
        );
      });

      it('answers broken bodies, wrong content types and odd queries with 4xx, never 500', async () => {
        await ensurePerson(storage.db, PEOPLE.owner);
        const admin = new NewsroomClient(t.app);
        await admin.signIn('owner@example.com', PASSWORD);
        await admin.get('/newsroom');
        const headers = { cookie: admin.cookieHeader(), 'x-csrf-token': admin.csrf };
        const broken: { type: string; payload: string }[] = [
          { type: 'application/json', payload: '{"headline":' },
          { type: 'application/json', payload: '{"headline":"JSON is not a form"}' },
          {
            type: 'multipart/form-data; boundary=zzz',
            payload: '--zzz\r\nContent-Disposition: form-data; name="x"\r\n\r\nunterminated',
          },
          { type: 'multipart/form-data', payload: 'no boundary at all' },
          { type: 'text/xml', payload: '<headline/>' },
          { type: 'application/x-www-form-urlencoded', payload: '%E0%A4%A=broken&headline=%' },
        ];
        for (const route of ROUTES) {
          for (const b of broken) {
            const res = await t.app.inject({
              method: 'POST',
              url: route,
              payload: b.payload,
              headers: { ...headers, 'content-type': b.type },
            });
            expect(res.statusCode, `${route} ${b.type}`).toBeGreaterThanOrEqual(200);
            expect(res.statusCode, `${route} ${b.type}`).toBeLessThan(500);
          }
        }
        for (const url of [
          '/newsroom/articles?status=draft&status=published',
          '/newsroom/articles?status[]=x',
          '/newsroom/curation?section=%00',
          '/newsroom/articles/1/revisions?a=1&b=x',
          '/newsroom/articles/1/revisions?a=99999999999&b=1',
          '/newsroom/articles/0',
          '/newsroom/articles/1e3',
          '/newsroom/users?saved=%ZZ',
          '/newsroom/%E0%A4%A',
          '/newsroom/articles/999999999999999',
          '/newsroom/articles/2147483648/revisions',
          '/newsroom/articles/1/revisions?a=1&b=999999999',
        ]) {
          const res = await t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookieHeader() } });
          expect(res.statusCode, url).toBeLessThan(500);
        }
      });
    });
  });
}
