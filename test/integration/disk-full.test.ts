import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { composeWorker, type Worker } from '../../src/server/compose-worker.js';
import { FIXTURE_NOW, loadNewsroomFixture } from '../fixtures/newsroom.js';
import { BACKENDS, type TestStorage } from '../support/backends.js';
import { dom } from '../support/html.js';
import { NewsroomClient } from '../support/newsroom-client.js';
import { ensurePerson, PASSWORD, PEOPLE } from '../support/newsroom-people.js';

const sqlite = BACKENDS.find((b) => b.name === 'sqlite')!;
/** A body far larger than the free pages left in the file. */
const LONG_BODY = Array.from({ length: 1800 }, (_, i) => `Paragraph ${i} of a long report on the harbour.`).join(
  '\n\n',
);

/**
 * A full disk, simulated with SQLite's max_page_count: the content file may not grow past what it holds, which
 * fails a write with SQLITE_FULL exactly where a full disk would.
 */
describe('a newsroom save when the disk is full', () => {
  let storage: TestStorage;
  let worker: Worker;
  let eden: NewsroomClient;
  let articleUrl: string;
  let viewsDir: string;
  const logged: { level: number; msg: string; err?: { message?: string } }[] = [];

  const fillDisk = async () => {
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(storage.db);
    await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(storage.db);
  };
  const freeDisk = () => sql.raw('pragma max_page_count = 1073741823').execute(storage.db);
  const revisionsOf = async (id: number) =>
    (await storage.db.selectFrom('article_revision').select('revision').where('article_id', '=', id).execute()).length;

  beforeAll(async () => {
    storage = await sqlite.open();
    await loadNewsroomFixture(storage.db);
    await ensurePerson(storage.db, PEOPLE.eden);
    viewsDir = mkdtempSync(join(tmpdir(), 'dateline-full-views-'));
    const config = loadConfig({ DATELINE_DATA: viewsDir, DATELINE_DEMO: '0', LOG_LEVEL: 'error' });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logged.push(JSON.parse(line));
        done();
      },
    });
    worker = await composeWorker(config, {
      db: storage.db,
      clock: () => FIXTURE_NOW,
      logger: pino({ level: 'error' }, sink),
      timers: false,
    });
    await worker.start();
    eden = new NewsroomClient(worker.app);
    await eden.signIn(PEOPLE.eden.email, PASSWORD);
    ({ url: articleUrl } = await eden.createArticle({
      headline: 'Harbour fees',
      body: 'A first paragraph.',
      section: 'politics',
      authors: 'mei-aoki',
      action: 'save',
    }));
  });
  afterAll(async () => {
    await worker.close();
    await storage.destroy();
    rmSync(viewsDir, { recursive: true, force: true });
  });

  const typedForm = async () => {
    const page = dom((await eden.get(articleUrl)).body);
    const revision = page.querySelector('input[name="revision"]')?.getAttribute('value') ?? '';
    return {
      headline: 'Harbour fees double',
      body: LONG_BODY,
      section: 'politics',
      authors: 'mei-aoki',
      revision,
      action: 'save',
    };
  };

  it('answers the form with a 503 that says the disk is full and nothing was saved', async () => {
    const id = Number(articleUrl.split('/').at(-1));
    const before = await revisionsOf(id);
    const form = await typedForm();
    await fillDisk();
    try {
      const res = await eden.post(articleUrl, form);
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('disk is full; your text was not saved');
      // The editor comes back with the typed text in it, not an error page.
      const page = dom(res.body);
      expect(page.querySelector('input[name="headline"]')?.getAttribute('value')).toBe('Harbour fees double');
      expect(page.querySelector('textarea[name="body"]')?.text).toContain('Paragraph 1799 of a long report');
    } finally {
      await freeDisk();
    }
    expect(await revisionsOf(id)).toBe(before);
  });

  it("answers the editor's autosave with the storage_full code", async () => {
    const form = await typedForm();
    await fillDisk();
    try {
      const res = await eden.post(articleUrl, form, { headers: { accept: 'application/json' } });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({
        error: {
          code: 'storage_full',
          message:
            "The server's disk is full; your text was not saved, it is still in the form. Try again once space is freed.",
        },
      });
    } finally {
      await freeDisk();
    }
  });

  it('logs the failure as an error that names the full disk', async () => {
    const full = logged.filter((l) => l.level >= 50 && /disk is full/.test(l.err?.message ?? ''));
    expect(full.length).toBeGreaterThan(0);
  });

  it('saves the same form once there is room again', async () => {
    const res = await eden.post(articleUrl, await typedForm());
    expect(res.statusCode).toBe(303);
  });
});
