import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

/**
 * What `npm run fuzz` found, each kept as the requests that show it, so the fix has a test that failed before
 * it. The cut-off upload: `npm run fuzz -- --requests 3000 --seed 7 --concurrency 1` (request 1080). The
 * duplicate account: the fuzzer's double submits of the Users form.
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
});
