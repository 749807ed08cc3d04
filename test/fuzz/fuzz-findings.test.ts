import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bumpContentVersion } from '../../src/storage/repositories/site.repository.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * What `npm run fuzz` found, each kept as the requests that show it, so the fix has a test that failed before
 * it. The cut-off upload: `npm run fuzz -- --requests 3000 --seed 7 --concurrency 1` (request 1080). The
 * duplicate account: the fuzzer's double submits of the Users form. The byline named twice:
 * `npm run fuzz -- --requests 7600 --seed 1585638885` (request 7507).
 */
describe('fuzz findings, replayed', () => {
  let storage: TestStorage;
  let t: TestApp;
  beforeAll(async () => {
    storage = await BACKENDS[0]!.open();
    t = await buildTestApp(storage.db, new Date('2026-11-30T03:00:00Z'));
  });
  afterAll(async () => {
    await t?.close();
    await storage?.destroy();
  });

  it('answers a signed-out form whose upload is cut off mid-file, and nothing crashes', async () => {
    const crashes: string[] = [];
    // Without this listener the error ends the process, as it ends a serving worker.
    const listener = (error: Error) => crashes.push(error.message);
    process.on('uncaughtException', listener);
    try {
      const boundary = 'cut';
      const payload = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="headline"\r\n\r\nKept text\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\n` +
          'Content-Type: image/png\r\n\r\n\x89PNG half an image',
      );
      const answer = t.app.inject({
        method: 'POST',
        url: '/newsroom/articles',
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      const late = new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 5_000).unref());
      const res = await Promise.race([answer, late]);
      expect(crashes).toEqual([]);
      expect(res === 'no answer' ? res : res.statusCode).toBe(401);
    } finally {
      process.off('uncaughtException', listener);
    }
  });

  it('creates one account when the same new person is added twice at once, and tells the other form why', async () => {
    await ensurePerson(storage.db, PEOPLE.owner);
    const owner = new NewsroomClient(t.app);
    await owner.signIn(PEOPLE.owner.email, PASSWORD);
    await owner.get('/newsroom/users');
    const form = { name: 'Twice Added', email: 'twice@example.com', role: 'editor', password: PASSWORD };
    const answers = await Promise.all([1, 2, 3].map(() => owner.post('/newsroom/users', form)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 400, 400]);
    const rows = await storage.db.selectFrom('user_account').select('id').where('email', '=', form.email).execute();
    expect(rows).toHaveLength(1);
  });

  it('saves an article whose byline or tags name the same one twice, or says why not, never a 500', async () => {
    await storage.db
      .insertInto('section')
      .values({ slug: 'news', name: 'News', parent_id: null, position: 1 })
      .execute();
    await storage.db.insertInto('author').values({ slug: 'ann-lee', name: 'Ann Lee', bio: '' }).execute();
    // Every process reloads sections when the content version moves, as the Sections page moves it.
    await bumpContentVersion(storage.db);
    await t.site.refresh();
    await ensurePerson(storage.db, PEOPLE.eden);
    const editor = new NewsroomClient(t.app);
    await editor.signIn(PEOPLE.eden.email, PASSWORD);
    await editor.get('/newsroom/articles/new');
    const form = { headline: 'Twice named', body: 'Text.', section: 'news', action: 'save' };
    // The same form with each named once saves: the answers below are about the repetition alone.
    const once = await editor.post('/newsroom/articles', { ...form, authors: 'ann-lee', tags: 'Tokyo' });
    expect(once.statusCode, once.body.slice(0, 2000)).toBe(303);
    const byline = await editor.post('/newsroom/articles', { ...form, authors: 'ann-lee, ann-lee' });
    const tags = await editor.post('/newsroom/articles', { ...form, tags: 'Tokyo, tokyo' });
    expect([byline.statusCode, tags.statusCode].map((s) => (s === 303 || s === 400 ? 'answered' : s))).toEqual([
      'answered',
      'answered',
    ]);
  });
});
